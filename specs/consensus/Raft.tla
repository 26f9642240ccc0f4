-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* Raft as a total order broadcast protocol, written after the pseudocode  *)
(* in Martin Kleppmann's Cambridge lecture notes "Concurrent and           *)
(* Distributed Systems".  The variables, messages and actions carry the    *)
(* names of the notes, and of src/Verification.Protocols/Consensus/Raft/   *)
(* RaftNode.cs, so that spec and code can be read side by side.            *)
(*                                                                         *)
(* Every node keeps a log of entries [term |-> t, msg |-> v].  A node that *)
(* suspects the leader has failed starts an election in a new term; a     *)
(* candidate that collects the votes of a majority becomes leader for that *)
(* term and replicates its log to the followers.  An entry is committed,   *)
(* and delivered to the application in log order, once a majority of      *)
(* nodes has acknowledged it and it belongs to the leader's current term   *)
(* (entries of earlier terms are committed only indirectly, which is the   *)
(* rule that Figure 8 of the Raft paper motivates).                        *)
(*                                                                         *)
(* The network may reorder, lose and duplicate messages.  A node may       *)
(* crash and recover; it keeps currentTerm, votedFor, log and commitLength *)
(* on stable storage and forgets everything else.  While a node is down    *)
(* its connections are broken: the messages on their way to it are lost    *)
(* when it crashes, and a message sent to it is lost at once.              *)
(*                                                                         *)
(* Clients hand a broadcast request to any node, which forwards it to the  *)
(* leader over a FIFO link.  That forwarding happens below this spec: the  *)
(* Broadcast action takes place at the leader.  Steps of the C# node that  *)
(* only forward a request (ForwardRequest, IgnoreDuplicate) or find a     *)
(* timer stale (StaleTimer) change no variable of this spec; nor do the    *)
(* network's partitions (a blocked message waits) and duplications (msgs   *)
(* is a set: a copy stays in flight until the last one is received).       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Node,           \* the set of nodes
    Value,          \* the messages clients may broadcast
    Nil,            \* "no node": votedFor and currentLeader before they are known
    NoOp,           \* the message of the entry a leader appends to commit earlier terms' entries
    MaxTerm,        \* bound on terms for model checking (used by StateConstraint)
    MaxLogLength,   \* bound on log length for model checking (used by StateConstraint)
    MaxInFlight     \* bound on messages in flight plus nodes down (used by StateConstraint)

Follower == "Follower"
Candidate == "Candidate"
Leader == "Leader"

VARIABLES
    currentTerm,    \* stable storage: the latest term this node has seen
    votedFor,       \* stable storage: whom this node voted for in currentTerm, or Nil
    log,            \* stable storage: a sequence of [term, msg] records
    commitLength,   \* stable storage: how many log entries have been delivered
    currentRole,    \* Follower, Candidate or Leader
    currentLeader,  \* the leader of currentTerm as far as this node knows, or Nil
    votesReceived,  \* the nodes that voted for this candidate in currentTerm
    sentLength,     \* at a leader: sentLength[f] entries were sent to follower f
    ackedLength,    \* at a leader: follower f has acknowledged ackedLength[f] entries
    crashed,        \* the nodes that are down: crashed and not recovered yet
    msgs            \* the messages in flight

durable == <<currentTerm, votedFor, log, commitLength>>
volatile == <<currentRole, currentLeader, votesReceived, sentLength, ackedLength>>
vars == <<durable, volatile, crashed, msgs>>

Quorum == Cardinality(Node) \div 2 + 1

Max(S) == CHOOSE x \in S : \A y \in S : x >= y

Min(a, b) == IF a < b THEN a ELSE b

LastTerm(lg) == IF Len(lg) = 0 THEN 0 ELSE lg[Len(lg)].term

Entries == [term : Nat, msg : Value \cup {NoOp}]

Messages ==
         [type : {"VoteRequest"}, dest : Node, cId : Node, cTerm : Nat,
          cLogLength : Nat, cLogTerm : Nat]
    \cup [type : {"VoteResponse"}, dest : Node, voterId : Node, term : Nat,
          granted : BOOLEAN]
    \cup [type : {"LogRequest"}, dest : Node, leaderId : Node, term : Nat,
          prefixLen : Nat, prefixTerm : Nat, leaderCommit : Nat,
          suffix : Seq(Entries)]
    \cup [type : {"LogResponse"}, dest : Node, follower : Node, term : Nat,
          ack : Nat, success : BOOLEAN]

TypeOK ==
    /\ currentTerm \in [Node -> Nat]
    /\ votedFor \in [Node -> Node \cup {Nil}]
    /\ log \in [Node -> Seq(Entries)]
    /\ commitLength \in [Node -> Nat]
    /\ currentRole \in [Node -> {Follower, Candidate, Leader}]
    /\ currentLeader \in [Node -> Node \cup {Nil}]
    /\ votesReceived \in [Node -> SUBSET Node]
    /\ sentLength \in [Node -> [Node -> Nat]]
    /\ ackedLength \in [Node -> [Node -> Nat]]
    /\ crashed \subseteq Node
    /\ msgs \subseteq Messages

-----------------------------------------------------------------------------
(* On initialisation every node is a follower in term 0 with an empty log. *)

Init ==
    /\ currentTerm = [i \in Node |-> 0]
    /\ votedFor = [i \in Node |-> Nil]
    /\ log = [i \in Node |-> <<>>]
    /\ commitLength = [i \in Node |-> 0]
    /\ currentRole = [i \in Node |-> Follower]
    /\ currentLeader = [i \in Node |-> Nil]
    /\ votesReceived = [i \in Node |-> {}]
    /\ sentLength = [i \in Node |-> [j \in Node |-> 0]]
    /\ ackedLength = [i \in Node |-> [j \in Node |-> 0]]
    /\ crashed = {}
    /\ msgs = {}

-----------------------------------------------------------------------------
(* The network.  A message to a crashed node is lost at once: its          *)
(* connections are gone.                                                   *)
Reachable(ms) == {m \in ms : m.dest \notin crashed}

(* A node sends the messages ms.                                           *)
Send(ms) == msgs' = msgs \cup Reachable(ms)

(* The destination of m has handled it and sends the messages ms.  The     *)
(* network may have duplicated m, so another copy may still be in flight.  *)
Handled(m, ms) ==
    \/ msgs' = (msgs \ {m}) \cup Reachable(ms)
    \/ msgs' = msgs \cup Reachable(ms)

(* The LogRequest that leader i sends to follower j: everything j has not  *)
(* been sent yet, with the term of the entry just before it so that j can *)
(* check that its log agrees with the leader's up to that point.           *)
LogRequestTo(i, j, sent) ==
    LET prefixLen == sent[j]
    IN  [type |-> "LogRequest", dest |-> j, leaderId |-> i,
         term |-> currentTerm[i], prefixLen |-> prefixLen,
         prefixTerm |-> IF prefixLen > 0 THEN log[i][prefixLen].term ELSE 0,
         leaderCommit |-> commitLength[i],
         suffix |-> SubSeq(log[i], prefixLen + 1, Len(log[i]))]

(* A node that has seen a later term steps down to follower in that term.  *)
StepDown(i, term) ==
    /\ currentTerm' = [currentTerm EXCEPT ![i] = term]
    /\ currentRole' = [currentRole EXCEPT ![i] = Follower]
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]

-----------------------------------------------------------------------------
(* On election timeout, or when node i suspects that the leader has       *)
(* failed, it starts an election: it moves to the next term, votes for    *)
(* itself and asks every other node for its vote, telling them how long   *)
(* its log is and the term of its last entry.                              *)
ElectionTimeout(i) ==
    /\ currentRole[i] \in {Follower, Candidate}
    /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
    /\ currentRole' = [currentRole EXCEPT ![i] = Candidate]
    /\ votedFor' = [votedFor EXCEPT ![i] = i]
    /\ votesReceived' = [votesReceived EXCEPT ![i] = {i}]
    /\ Send({[type |-> "VoteRequest", dest |-> j, cId |-> i,
              cTerm |-> currentTerm[i] + 1, cLogLength |-> Len(log[i]),
              cLogTerm |-> LastTerm(log[i])] : j \in Node \ {i}})
    /\ UNCHANGED <<log, commitLength, currentLeader, sentLength, ackedLength, crashed>>

(* On receiving a VoteRequest, node i first adopts a later term.  It       *)
(* grants its vote if the request is for its current term, it has not     *)
(* voted for anybody else in that term, and the candidate's log is at     *)
(* least as up to date as its own (a later last term, or the same last    *)
(* term and at least the same length).                                     *)
HandleVoteRequest(i, m) ==
    /\ m.type = "VoteRequest"
    /\ m.dest = i
    /\ LET newer == m.cTerm > currentTerm[i]
           term == IF newer THEN m.cTerm ELSE currentTerm[i]
           vote == IF newer THEN Nil ELSE votedFor[i]
           logOk == \/ m.cLogTerm > LastTerm(log[i])
                    \/ /\ m.cLogTerm = LastTerm(log[i])
                       /\ m.cLogLength >= Len(log[i])
           granted == m.cTerm = term /\ logOk /\ vote \in {m.cId, Nil}
       IN  /\ currentTerm' = [currentTerm EXCEPT ![i] = term]
           /\ currentRole' = [currentRole EXCEPT ![i] = IF newer THEN Follower ELSE @]
           /\ votedFor' = [votedFor EXCEPT ![i] = IF granted THEN m.cId ELSE vote]
           /\ Handled(m, {[type |-> "VoteResponse", dest |-> m.cId, voterId |-> i,
                           term |-> term, granted |-> granted]})
    /\ UNCHANGED <<log, commitLength, currentLeader, votesReceived, sentLength, ackedLength,
                   crashed>>

(* On receiving a vote for its current term, a candidate adds the voter   *)
(* to votesReceived.  With the votes of a majority it becomes leader: it  *)
(* assumes every follower already has its whole log (sentLength) but has  *)
(* acknowledged nothing (ackedLength), and sends each one a LogRequest.   *)
(* A response from a later term makes the node step down instead.         *)
HandleVoteResponse(i, m) ==
    /\ m.type = "VoteResponse"
    /\ m.dest = i
    /\ IF currentRole[i] = Candidate /\ m.term = currentTerm[i] /\ m.granted
         THEN LET votes == votesReceived[i] \cup {m.voterId}
              IN  /\ votesReceived' = [votesReceived EXCEPT ![i] = votes]
                  /\ IF Cardinality(votes) >= Quorum
                       THEN LET sent == [j \in Node |-> Len(log[i])]
                            IN  /\ currentRole' = [currentRole EXCEPT ![i] = Leader]
                                /\ currentLeader' = [currentLeader EXCEPT ![i] = i]
                                /\ sentLength' = [sentLength EXCEPT ![i] = sent]
                                /\ ackedLength' = [ackedLength EXCEPT ![i] =
                                      [j \in Node |-> IF j = i THEN Len(log[i]) ELSE 0]]
                                /\ Handled(m, {LogRequestTo(i, j, sent) : j \in Node \ {i}})
                       ELSE /\ Handled(m, {})
                            /\ UNCHANGED <<currentRole, currentLeader, sentLength, ackedLength>>
                  /\ UNCHANGED <<currentTerm, votedFor>>
         ELSE /\ IF m.term > currentTerm[i]
                   THEN StepDown(i, m.term)
                   ELSE UNCHANGED <<currentTerm, currentRole, votedFor>>
              /\ Handled(m, {})
              /\ UNCHANGED <<currentLeader, votesReceived, sentLength, ackedLength>>
    /\ UNCHANGED <<log, commitLength, crashed>>

(* On a request to broadcast v, the leader appends v to its log in its    *)
(* current term and counts its own copy as acknowledged.  (Kleppmann's    *)
(* leader sends the entry to the followers at once; this one batches it   *)
(* into the next Heartbeat.)  A leader appends a value only once, so a    *)
(* request that a client retried does not enter the log twice.            *)
Broadcast(i, v) ==
    /\ currentRole[i] = Leader
    /\ \A k \in 1..Len(log[i]) : log[i][k].msg # v
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], msg |-> v])]
    /\ ackedLength' = [ackedLength EXCEPT ![i][i] = Len(log[i]) + 1]
    /\ UNCHANGED <<currentTerm, votedFor, commitLength, currentRole, currentLeader,
                   votesReceived, sentLength, crashed, msgs>>

(* A leader that holds uncommitted entries but none of its own term may   *)
(* append a NoOp entry of its term (Raft thesis, section 6.4): under the   *)
(* Figure 8 rule it cannot commit the earlier entries until an entry of   *)
(* its own term is replicated.  The implementation does this after a few  *)
(* idle heartbeats; the spec lets it happen at any heartbeat.              *)
NeedsNoOp(i) ==
    /\ Len(log[i]) > commitLength[i]
    /\ LastTerm(log[i]) < currentTerm[i]

(* Periodically the leader sends every follower what it has not been sent *)
(* yet (possibly nothing: then the LogRequest is a heartbeat), after      *)
(* appending a NoOp entry if it chooses to.                                *)
Heartbeat(i) ==
    /\ currentRole[i] = Leader
    /\ \/ UNCHANGED <<log, ackedLength>>
       \/ /\ NeedsNoOp(i)
          /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], msg |-> NoOp])]
          /\ ackedLength' = [ackedLength EXCEPT ![i][i] = Len(log[i]) + 1]
    /\ Send({[type |-> "LogRequest", dest |-> j, leaderId |-> i, term |-> currentTerm[i],
              prefixLen |-> sentLength[i][j],
              prefixTerm |-> IF sentLength[i][j] > 0 THEN log'[i][sentLength[i][j]].term ELSE 0,
              leaderCommit |-> commitLength[i],
              suffix |-> SubSeq(log'[i], sentLength[i][j] + 1, Len(log'[i]))] : j \in Node \ {i}})
    /\ UNCHANGED <<currentTerm, votedFor, commitLength, currentRole, currentLeader,
                   votesReceived, sentLength, crashed>>

(* Appending the suffix of a LogRequest: if the follower's log disagrees  *)
(* with the suffix at the last position they share, it drops everything   *)
(* after prefixLen; then it appends the entries it does not have yet.     *)
(* Entries it already has are kept, so a stale or duplicated LogRequest   *)
(* never shortens the log.                                                 *)
AppendEntries(lg, prefixLen, suffix) ==
    LET kept == IF Len(suffix) > 0 /\ Len(lg) > prefixLen
                  THEN LET index == Min(Len(lg), prefixLen + Len(suffix))
                       IN  IF lg[index].term # suffix[index - prefixLen].term
                             THEN SubSeq(lg, 1, prefixLen)
                             ELSE lg
                  ELSE lg
    IN  IF prefixLen + Len(suffix) > Len(kept)
          THEN kept \o SubSeq(suffix, Len(kept) - prefixLen + 1, Len(suffix))
          ELSE kept

(* On receiving a LogRequest, node i adopts a later term, and recognises  *)
(* the sender as leader of its current term.  If its log agrees with the  *)
(* leader's up to prefixLen, it appends the suffix, delivers the entries  *)
(* the leader has committed, and acknowledges how much of the leader's    *)
(* log it now holds; otherwise it answers with a failure so that the      *)
(* leader retries from an earlier position.                                *)
HandleLogRequest(i, m) ==
    /\ m.type = "LogRequest"
    /\ m.dest = i
    /\ LET newer == m.term > currentTerm[i]
           term == IF newer THEN m.term ELSE currentTerm[i]
           current == m.term = term
           logOk == /\ Len(log[i]) >= m.prefixLen
                    /\ \/ m.prefixLen = 0
                       \/ log[i][m.prefixLen].term = m.prefixTerm
           accept == current /\ logOk
       IN  /\ currentTerm' = [currentTerm EXCEPT ![i] = term]
           /\ votedFor' = [votedFor EXCEPT ![i] = IF newer THEN Nil ELSE @]
           /\ currentRole' = [currentRole EXCEPT ![i] = IF current THEN Follower ELSE @]
           /\ currentLeader' = [currentLeader EXCEPT ![i] = IF current THEN m.leaderId ELSE @]
           /\ log' = [log EXCEPT ![i] = IF accept
                                          THEN AppendEntries(@, m.prefixLen, m.suffix)
                                          ELSE @]
           /\ commitLength' = [commitLength EXCEPT ![i] =
                                 IF accept /\ m.leaderCommit > @ THEN m.leaderCommit ELSE @]
           /\ Handled(m, {[type |-> "LogResponse", dest |-> m.leaderId, follower |-> i,
                           term |-> term, ack |-> IF accept THEN m.prefixLen + Len(m.suffix) ELSE 0,
                           success |-> accept]})
    /\ UNCHANGED <<votesReceived, sentLength, ackedLength, crashed>>

(* The number of nodes that have acknowledged the first len entries of    *)
(* the leader's log, given the leader's ackedLength.                       *)
Acks(acked, len) == Cardinality({n \in Node : acked[n] >= len})

(* The leader commits the longest prefix of its log that a majority has   *)
(* acknowledged, but only if its last entry is of the leader's own term:  *)
(* counting replicas of an earlier term's entry is not enough (Figure 8). *)
CommitLogEntries(i, acked) ==
    LET ready == {len \in 1..Len(log[i]) : Acks(acked, len) >= Quorum}
    IN  IF ready # {} /\ Max(ready) > commitLength[i]
                      /\ log[i][Max(ready)].term = currentTerm[i]
          THEN commitLength' = [commitLength EXCEPT ![i] = Max(ready)]
          ELSE UNCHANGED commitLength

(* On receiving a LogResponse for its current term, the leader records a  *)
(* successful acknowledgement and commits what a majority now holds; on   *)
(* a failure it moves sentLength back by one entry and tries again.  A    *)
(* response from a later term makes the node step down.                   *)
HandleLogResponse(i, m) ==
    /\ m.type = "LogResponse"
    /\ m.dest = i
    /\ LET f == m.follower
       IN  IF m.term = currentTerm[i] /\ currentRole[i] = Leader
             THEN IF m.success /\ m.ack >= ackedLength[i][f]
                    THEN LET acked == [ackedLength[i] EXCEPT ![f] = m.ack]
                         IN  /\ sentLength' = [sentLength EXCEPT ![i][f] = m.ack]
                             /\ ackedLength' = [ackedLength EXCEPT ![i] = acked]
                             /\ CommitLogEntries(i, acked)
                             /\ Handled(m, {})
                    ELSE IF sentLength[i][f] > 0
                    THEN LET sent == [sentLength[i] EXCEPT ![f] = @ - 1]
                         IN  /\ sentLength' = [sentLength EXCEPT ![i] = sent]
                             /\ Handled(m, {LogRequestTo(i, f, sent)})
                             /\ UNCHANGED <<ackedLength, commitLength>>
                    ELSE /\ Handled(m, {})
                         /\ UNCHANGED <<sentLength, ackedLength, commitLength>>
           ELSE /\ Handled(m, {})
                /\ UNCHANGED <<sentLength, ackedLength, commitLength>>
    /\ IF m.term > currentTerm[i]
         THEN StepDown(i, m.term)
         ELSE UNCHANGED <<currentTerm, currentRole, votedFor>>
    /\ UNCHANGED <<log, currentLeader, votesReceived, crashed>>

(* Node i crashes: what it kept on stable storage survives, everything     *)
(* else is lost; so are the messages on their way to it.  Its volatile     *)
(* variables take at once the values it will recover with.                 *)
Crash(i) ==
    /\ crashed' = crashed \cup {i}
    /\ currentRole' = [currentRole EXCEPT ![i] = Follower]
    /\ currentLeader' = [currentLeader EXCEPT ![i] = Nil]
    /\ votesReceived' = [votesReceived EXCEPT ![i] = {}]
    /\ sentLength' = [sentLength EXCEPT ![i] = [j \in Node |-> 0]]
    /\ ackedLength' = [ackedLength EXCEPT ![i] = [j \in Node |-> 0]]
    /\ msgs' = {m \in msgs : m.dest # i}
    /\ UNCHANGED durable

(* Node i recovers from stable storage, as a follower that knows no        *)
(* leader.                                                                 *)
Restart(i) ==
    /\ crashed' = crashed \ {i}
    /\ UNCHANGED <<durable, volatile, msgs>>

(* The network loses a message.                                            *)
DropMessage(m) ==
    /\ msgs' = msgs \ {m}
    /\ UNCHANGED <<durable, volatile, crashed>>

Receive(i, m) ==
    \/ HandleVoteRequest(i, m)
    \/ HandleVoteResponse(i, m)
    \/ HandleLogRequest(i, m)
    \/ HandleLogResponse(i, m)

(* A crashed node takes no step; no message in flight is addressed to it.  *)
Next ==
    \/ \E i \in Node \ crashed : ElectionTimeout(i) \/ Heartbeat(i) \/ Crash(i)
    \/ \E i \in Node \ crashed, v \in Value : Broadcast(i, v)
    \/ \E i \in crashed : Restart(i)
    \/ \E m \in msgs : Receive(m.dest, m) \/ DropMessage(m)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness.  Raft cannot guarantee progress while elections keep         *)
(* interrupting each other, so the liveness model assumes what randomised *)
(* election timeouts provide in practice: a node times out only while no  *)
(* leader is known and no election is under way (no vote messages in      *)
(* flight).  There are no crashes and no message loss or duplication (a    *)
(* stable majority, in fact all nodes), and every step that stays enabled  *)
(* is eventually taken.  Then a leader is elected and every value is       *)
(* eventually delivered by every node.                                     *)
(***************************************************************************)
Sender(m) ==
    CASE m.type = "VoteRequest" -> m.cId
      [] m.type = "VoteResponse" -> m.voterId
      [] m.type = "LogRequest" -> m.leaderId
      [] m.type = "LogResponse" -> m.follower

ElectionQuiet ==
    /\ \A j \in Node : currentRole[j] # Leader
    /\ \A m \in msgs : m.type \notin {"VoteRequest", "VoteResponse"}

(* Receiving a message that the network did not duplicate.                 *)
ReceiveOnce(i, m) == Receive(i, m) /\ m \notin msgs'

LiveNext ==
    \/ \E i \in Node : (ElectionQuiet /\ ElectionTimeout(i)) \/ Heartbeat(i)
    \/ \E i \in Node, v \in Value : Broadcast(i, v)
    \/ \E m \in msgs : ReceiveOnce(m.dest, m)

LiveSpec ==
    /\ Init /\ [][LiveNext]_vars
    /\ \A i \in Node : SF_vars(ElectionQuiet /\ ElectionTimeout(i))
    /\ \A i \in Node, v \in Value : WF_vars(Broadcast(i, v))
    /\ \A i \in Node : WF_vars(Heartbeat(i))
    /\ \A i, j \in Node : WF_vars(\E m \in msgs : m.dest = i /\ Sender(m) = j /\ ReceiveOnce(i, m))

Delivered(i, v) == \E k \in 1..commitLength[i] : log[i][k].msg = v

EventuallyLeader == <>(\E i \in Node : currentRole[i] = Leader)

EventuallyDelivered == \A v \in Value : <>(\A i \in Node : Delivered(i, v))

-----------------------------------------------------------------------------
(* Safety.                                                                 *)

(* Election safety: at most one leader per term.                           *)
ElectionSafety ==
    \A i, j \in Node :
        (currentRole[i] = Leader /\ currentRole[j] = Leader
            /\ currentTerm[i] = currentTerm[j]) => i = j

(* Log matching: two logs with an entry of the same term at the same      *)
(* index are identical up to that index.                                   *)
LogMatching ==
    \A i, j \in Node : \A k \in 1..Min(Len(log[i]), Len(log[j])) :
        log[i][k].term = log[j][k].term => SubSeq(log[i], 1, k) = SubSeq(log[j], 1, k)

(* Leader completeness: a leader holds every entry that has been          *)
(* committed in an earlier term.  Whatever node j has delivered was       *)
(* committed in a term no later than currentTerm[j], so a leader whose    *)
(* term is at least that must hold j's delivered prefix.                  *)
LeaderCompleteness ==
    \A i, j \in Node :
        (currentRole[i] = Leader /\ currentTerm[i] >= currentTerm[j]) =>
            /\ Len(log[i]) >= commitLength[j]
            /\ \A k \in 1..commitLength[j] : log[i][k] = log[j][k]

(* State machine safety: no two nodes deliver different messages at the   *)
(* same index.                                                             *)
StateMachineSafety ==
    \A i, j \in Node : \A k \in 1..Min(commitLength[i], commitLength[j]) :
        log[i][k] = log[j][k]

(* A node delivers only entries it holds.                                   *)
CommittedInLog == \A i \in Node : commitLength[i] <= Len(log[i])

(* Nodes are interchangeable: the CI model checks one state per orbit.       *)
NodeSymmetry == Permutations(Node)

(* The CI model: bounded terms and log length, and few things under way at *)
(* once.  A node that is down counts like a message in flight: while it is *)
(* down the others' messages to it are lost, which would otherwise leave   *)
(* room for more of theirs under the same bound.                           *)
StateConstraint ==
    /\ \A i \in Node : currentTerm[i] <= MaxTerm /\ Len(log[i]) <= MaxLogLength
    /\ Cardinality(msgs) + Cardinality(crashed) <= MaxInFlight

=============================================================================
