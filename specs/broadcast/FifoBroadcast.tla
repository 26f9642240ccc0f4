----------------------------- MODULE FifoBroadcast -----------------------------
(***************************************************************************)
(* FIFO reliable broadcast, as in Kleppmann's Cambridge notes on           *)
(* distributed systems: reliable broadcast plus per-sender sequence        *)
(* numbers and a hold-back buffer.                                         *)
(*                                                                         *)
(* The network reorders, so the messages of one sender can arrive in any   *)
(* order.  A process keeps what it receives in its buffer and delivers a   *)
(* sender's message only when it has delivered all of that sender's        *)
(* earlier messages, that is when the message's sequence number is one     *)
(* more than the number of that sender's messages it has delivered.  A     *)
(* receipt may unblock a whole run of buffered messages, all delivered in  *)
(* the same step.                                                          *)
(*                                                                         *)
(* Underneath is eager reliable broadcast: the first time a process        *)
(* receives a message it relays it to the processes that may not have it,  *)
(* so a sender crashing mid-broadcast cannot leave correct processes       *)
(* disagreeing.                                                            *)
(*                                                                         *)
(* Copies leave one link at a time (action Send), so a crash can interrupt *)
(* a broadcast or a relay.  Processes fail by crashing; a crashed          *)
(* process's unsent copies are lost, and so are the copies addressed to    *)
(* it.  Copies it already sent still arrive.                               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of processes
    MaxBroadcasts,  \* how many messages all processes together may broadcast
    MaxCrashes      \* how many processes may crash

VARIABLES
    sent,           \* sent[p]: how many messages p has broadcast
    outbox,         \* outbox[p]: the copies p has still to send, one link at a time
    network,        \* the set of copies in flight
    delivered,      \* delivered[p]: the ids p has delivered, in delivery order
    buffer,         \* buffer[p]: the ids p has received but holds back
    crashed         \* the processes that have crashed

vars == <<sent, outbox, network, delivered, buffer, crashed>>

(* A message is identified by its sender and its sequence number: its      *)
(* position among the sender's broadcasts, counted from 1.                 *)
Id == Node \X (1..MaxBroadcasts)

(* A copy of message id on the link from process `from` to process `to`.   *)
Data == [from : Node, to : Node, id : Id]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<p, k>> \in Id : k <= sent[p]}

(* The copies process p queues to broadcast message id.                    *)
CopiesOf(p, id) == {[from |-> p, to |-> q, id |-> id] : q \in Node \ {p}}

(* The copies process p queues to relay copy m: to every process except    *)
(* itself, the one it got m from and m's sender, which all have m already. *)
RelaysOf(p, m) == {[from |-> p, to |-> q, id |-> m.id] : q \in Node \ {p, m.from, m.id[1]}}

(* The sequence number of the message of sender s that process p may       *)
(* deliver next: one more than the number of s's messages it delivered.    *)
NextSeq(p, s) == Cardinality({i \in DOMAIN delivered[p] : delivered[p][i][1] = s}) + 1

(* The messages of sender s that p can deliver now, in order, when it      *)
(* holds the ids `held`: the longest run of consecutive sequence numbers   *)
(* starting at NextSeq(p, s).                                              *)
Deliverable(p, s, held) ==
    LET first == NextSeq(p, s)
        last  == CHOOSE j \in (first - 1)..MaxBroadcasts :
                    /\ \A k \in first..j : <<s, k>> \in held
                    /\ <<s, j + 1>> \notin held
    IN  [i \in 1..(last - first + 1) |-> <<s, first + i - 1>>]

TypeOK ==
    /\ sent \in [Node -> 0..MaxBroadcasts]
    /\ outbox \in [Node -> SUBSET Data]
    /\ network \subseteq Data
    /\ \A p \in Node : Range(delivered[p]) \subseteq Id
    /\ buffer \in [Node -> SUBSET Id]
    /\ crashed \subseteq Node

Init ==
    /\ sent = [p \in Node |-> 0]
    /\ outbox = [p \in Node |-> {}]
    /\ network = {}
    /\ delivered = [p \in Node |-> <<>>]
    /\ buffer = [p \in Node |-> {}]
    /\ crashed = {}

(* Process p broadcasts its next message: it delivers the message itself   *)
(* (its own earlier messages are all delivered already) and queues a copy  *)
(* for every other process.                                                *)
Broadcast(p) ==
    /\ p \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<p, sent[p] + 1>>
       IN  /\ sent' = [sent EXCEPT ![p] = @ + 1]
           /\ delivered' = [delivered EXCEPT ![p] = Append(@, id)]
           /\ outbox' = [outbox EXCEPT ![p] = @ \cup CopiesOf(p, id)]
    /\ UNCHANGED <<network, buffer, crashed>>

(* Process p puts one queued copy on its link.  A copy sent to a crashed   *)
(* process is lost.                                                        *)
Send(p, m) ==
    /\ p \notin crashed
    /\ m \in outbox[p]
    /\ outbox' = [outbox EXCEPT ![p] = @ \ {m}]
    /\ network' = IF m.to \in crashed THEN network ELSE network \cup {m}
    /\ UNCHANGED <<sent, delivered, buffer, crashed>>

(* Process p receives a copy.  The first time it sees the message it       *)
(* relays it, adds it to its buffer, and delivers every buffered message   *)
(* of the same sender that is now next in sequence.                        *)
Receive(p, m) ==
    /\ p \notin crashed
    /\ m \in network
    /\ m.to = p
    /\ network' = network \ {m}
    /\ IF m.id \in buffer[p] \cup Range(delivered[p])
          THEN UNCHANGED <<outbox, delivered, buffer>>
          ELSE LET held == buffer[p] \cup {m.id}
                   run  == Deliverable(p, m.id[1], held)
               IN  /\ outbox' = [outbox EXCEPT ![p] = @ \cup RelaysOf(p, m)]
                   /\ delivered' = [delivered EXCEPT ![p] = @ \o run]
                   /\ buffer' = [buffer EXCEPT ![p] = held \ Range(run)]
    /\ UNCHANGED <<sent, crashed>>

(* Process p crashes: its unsent copies and the copies addressed to it are *)
(* lost, and so is its hold-back buffer.  What it delivered stays          *)
(* delivered.                                                              *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ outbox' = [outbox EXCEPT ![p] = {}]
    /\ network' = {m \in network : m.to # p}
    /\ buffer' = [buffer EXCEPT ![p] = {}]
    /\ UNCHANGED <<sent, delivered>>

Next ==
    \/ \E p \in Node : Broadcast(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in outbox[p] : Send(p, m)
    \/ \E p \in Node : \E m \in network : Receive(p, m)

(* A live process keeps sending what it queued and receiving what reaches  *)
(* it.  Broadcasts and crashes are the environment's choices.              *)
Fairness ==
    \A p \in Node :
        /\ WF_vars(\E m \in outbox[p] : Send(p, m))
        /\ WF_vars(\E m \in network : Receive(p, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Safety.                                                                 *)

(* No creation: a process delivers only messages that were broadcast.      *)
NoCreation == \A p \in Node : Range(delivered[p]) \subseteq Broadcasted

(* No duplication: a process delivers a message at most once.              *)
NoDuplication ==
    \A p \in Node : \A i, j \in DOMAIN delivered[p] :
        i # j => delivered[p][i] # delivered[p][j]

(* FIFO order: a process delivers a sender's k-th message only after that  *)
(* sender's messages 1 .. k-1.                                             *)
FifoOrder ==
    \A p \in Node : \A i \in DOMAIN delivered[p] :
        \A j \in 1..(delivered[p][i][2] - 1) :
            \E x \in 1..(i - 1) : delivered[p][x] = <<delivered[p][i][1], j>>

(* Liveness.  "Correct" is "never crashes".                                *)

(* Validity: a correct process delivers what it broadcasts.                *)
Validity ==
    \A p \in Node, k \in 1..MaxBroadcasts :
        (k <= sent[p]) ~> (p \in crashed \/ <<p, k>> \in Range(delivered[p]))

(* Agreement: if a correct process delivers m, every correct process       *)
(* eventually delivers m.                                                  *)
Agreement ==
    \A p \in Node, id \in Id :
        (id \in Range(delivered[p]))
            ~> (p \in crashed \/ \A q \in Node : q \in crashed \/ id \in Range(delivered[q]))
=============================================================================
