----------------------------- MODULE MultiPaxos -----------------------------
(***************************************************************************)
(* Multi-Paxos with a distinguished leader, written to read side by side  *)
(* with src/Verification.Protocols/Consensus/MultiPaxos/MultiPaxosNode.cs. *)
(*                                                                         *)
(* The replicated log has slots 1 .. MaxSlot; each slot is an instance of *)
(* single-decree Paxos (see Paxos.tla).  A proposer becomes leader by     *)
(* running phase 1 once, for all slots at the same time: the promises of  *)
(* a quorum tell it, slot by slot, which value may already be chosen; it  *)
(* re-proposes those, fills the holes below them with Noop, and then runs *)
(* only phase 2 for each new client command, in the next free slot.      *)
(* Replicas learn decided slots and apply them strictly in slot order.    *)
(*                                                                         *)
(* As in Paxos.tla the network is the set msgs of all messages sent, so   *)
(* loss, duplication and reordering are all possible, and a crash loses   *)
(* only volatile state.  A replica that missed a Decide catches up by     *)
(* asking the others, who send the Decide again; that resend is already   *)
(* in msgs, so catching up is a stuttering step here.                      *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Node,       \* the acceptors
    Proposer,   \* the nodes that may become leader
    Replica,    \* the nodes that learn and apply the log (every node, in the implementation)
    Value,      \* client commands
    Noop,       \* the command that fills a hole in the log
    None,       \* "no command"
    MaxBallot,  \* ballots are 0 .. MaxBallot
    MaxSlot,    \* slots are 1 .. MaxSlot
    MaxMessages \* the CI model explores only states with at most this many messages

ASSUME Noop \notin Value /\ None \notin Value \cup {Noop}
ASSUME MaxBallot \in Nat /\ MaxSlot \in Nat \ {0}
ASSUME Proposer \subseteq Node /\ Replica \subseteq Node

Ballot == 0 .. MaxBallot
Slot == 1 .. MaxSlot
Command == Value \cup {Noop}

IsQuorum(S) == 2 * Cardinality(S) > Cardinality(Node)

VARIABLES
    \* acceptor state, durable
    maxBal,      \* maxBal[a]: the highest ballot a promised
    maxVBal,     \* maxVBal[a][s]: the highest ballot a voted in for slot s, -1 if none
    maxVal,      \* maxVal[a][s]: the command of that vote
    \* proposer state: pBal durable, the rest volatile
    pBal,        \* pBal[p]: the last ballot p started
    pPhase,      \* pPhase[p]: "Idle", "Prepare" or "Lead"
    pProposals,  \* pProposals[p][s]: the command p proposed for slot s in ballot pBal[p]
    \* replica state, durable
    decided,     \* decided[r][s]: the command r learned for slot s, None if none yet
    applied,     \* applied[r]: r applied slots 1 .. applied[r], in order
    \* history
    submitted,   \* the commands clients submitted
    msgs

acceptorVars == <<maxBal, maxVBal, maxVal>>
proposerVars == <<pBal, pPhase, pProposals>>
replicaVars == <<decided, applied>>
vars == <<acceptorVars, proposerVars, replicaVars, submitted, msgs>>

NoVotes == [s \in Slot |-> -1]
NoCommands == [s \in Slot |-> None]

TypeOK ==
    /\ maxBal \in [Node -> Ballot \cup {-1}]
    /\ maxVBal \in [Node -> [Slot -> Ballot \cup {-1}]]
    /\ maxVal \in [Node -> [Slot -> Command \cup {None}]]
    /\ pBal \in [Proposer -> Ballot \cup {-1}]
    /\ pPhase \in [Proposer -> {"Idle", "Prepare", "Lead"}]
    /\ pProposals \in [Proposer -> [Slot -> Command \cup {None}]]
    /\ decided \in [Replica -> [Slot -> Command \cup {None}]]
    /\ applied \in [Replica -> 0 .. MaxSlot]
    /\ submitted \subseteq Value

Init ==
    /\ maxBal = [a \in Node |-> -1]
    /\ maxVBal = [a \in Node |-> NoVotes]
    /\ maxVal = [a \in Node |-> NoCommands]
    /\ pBal = [p \in Proposer |-> -1]
    /\ pPhase = [p \in Proposer |-> "Idle"]
    /\ pProposals = [p \in Proposer |-> NoCommands]
    /\ decided = [r \in Replica |-> NoCommands]
    /\ applied = [r \in Replica |-> 0]
    /\ submitted = {}
    /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}
SendAll(M) == msgs' = msgs \cup M

(***************************************************************************)
(* A client submits command v (to any node; a node that does not lead     *)
(* keeps it until it leads).                                               *)
(***************************************************************************)
Submit(v) ==
    /\ v \notin submitted
    /\ submitted' = submitted \cup {v}
    /\ UNCHANGED <<acceptorVars, proposerVars, replicaVars, msgs>>

(***************************************************************************)
(* Phase 1a, once per leadership: proposer p starts a ballot higher than  *)
(* any it started, used by no other proposer, for all slots at once.  It  *)
(* does so when its commands are not getting applied, also while it       *)
(* believes it leads (it may have been overtaken without noticing).       *)
(***************************************************************************)
(* (pBal' comes before the scan of msgs so that a trace validator, which    *)
(* knows pBal', scans msgs once and not once per ballot; the successors   *)
(* are the same.)                                                          *)
Phase1a(p) ==
    /\ \E b \in Ballot :
          /\ b > pBal[p]
          /\ pBal' = [pBal EXCEPT ![p] = b]
          /\ ~\E m \in msgs : m.type = "Prepare" /\ m.bal = b
          /\ pPhase' = [pPhase EXCEPT ![p] = "Prepare"]
          /\ pProposals' = [pProposals EXCEPT ![p] = NoCommands]
          /\ Send([type |-> "Prepare", bal |-> b])
    /\ UNCHANGED <<acceptorVars, replicaVars, submitted>>

(***************************************************************************)
(* Phase 1b: as in Paxos.tla, but the promise reports a's votes in every  *)
(* slot.                                                                   *)
(***************************************************************************)
Phase1b(a) ==
    \E m \in msgs :
        /\ m.type = "Prepare"
        /\ m.bal >= maxBal[a]
        /\ \A s \in Slot : m.bal > maxVBal[a][s]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ Send([type |-> "Promise", acc |-> a, bal |-> m.bal,
                 mbal |-> maxVBal[a], mval |-> maxVal[a]])
        /\ UNCHANGED <<maxVBal, maxVal, proposerVars, replicaVars, submitted>>

(***************************************************************************)
(* What a new leader proposes, from the promises P of a quorum: in each   *)
(* slot, the command of the highest ballot any of them voted in; Noop in  *)
(* a hole below the last such slot (so that later slots can be applied);  *)
(* nothing above it.                                                       *)
(***************************************************************************)
Recovered(P) ==
    LET voted(s) == {m \in P : m.mbal[s] # -1}
        top(s) == CHOOSE m \in voted(s) : \A o \in voted(s) : o.mbal[s] <= m.mbal[s]
        last == IF \E s \in Slot : voted(s) # {}
                  THEN CHOOSE s \in Slot : voted(s) # {} /\ \A t \in Slot : voted(t) # {} => t <= s
                  ELSE 0
    IN  [s \in Slot |-> IF voted(s) # {} THEN top(s).mval[s]
                        ELSE IF s < last THEN Noop ELSE None]

(***************************************************************************)
(* The promise of a quorum Q makes p the leader of its ballot.  It sends  *)
(* accept requests for every recovered slot.                               *)
(***************************************************************************)
BecomeLeader(p) ==
    /\ pPhase[p] = "Prepare"
    /\ \E Q \in SUBSET Node :
          LET P == {m \in msgs : m.type = "Promise" /\ m.bal = pBal[p] /\ m.acc \in Q}
              proposals == Recovered(P)
          IN  /\ IsQuorum(Q)
              /\ \A a \in Q : \E m \in P : m.acc = a
              /\ pProposals' = [pProposals EXCEPT ![p] = proposals]
              /\ SendAll({[type |-> "Accept", bal |-> pBal[p], slot |-> s, val |-> proposals[s]] :
                          s \in {t \in Slot : proposals[t] # None}})
    /\ pPhase' = [pPhase EXCEPT ![p] = "Lead"]
    /\ UNCHANGED <<acceptorVars, pBal, replicaVars, submitted>>

(***************************************************************************)
(* Phase 2a: leader p proposes a client command it has not proposed yet, *)
(* in its first free slot.                                                 *)
(***************************************************************************)
Phase2a(p) ==
    /\ pPhase[p] = "Lead"
    /\ \E s \in Slot, v \in submitted :
          /\ pProposals[p][s] = None
          /\ \A t \in Slot : t < s => pProposals[p][t] # None
          /\ \A t \in Slot : pProposals[p][t] # v
          /\ pProposals' = [pProposals EXCEPT ![p][s] = v]
          /\ Send([type |-> "Accept", bal |-> pBal[p], slot |-> s, val |-> v])
    /\ UNCHANGED <<acceptorVars, pBal, pPhase, replicaVars, submitted>>

(***************************************************************************)
(* Phase 2b: acceptor a votes in one slot.                                 *)
(***************************************************************************)
Phase2b(a) ==
    \E m \in msgs :
        /\ m.type = "Accept"
        /\ m.bal >= maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ maxVBal' = [maxVBal EXCEPT ![a][m.slot] = m.bal]
        /\ maxVal' = [maxVal EXCEPT ![a][m.slot] = m.val]
        /\ Send([type |-> "Accepted", acc |-> a, bal |-> m.bal, slot |-> m.slot, val |-> m.val])
        /\ UNCHANGED <<proposerVars, replicaVars, submitted>>

(***************************************************************************)
(* Leader p saw a quorum vote for its command in slot s: it is chosen.    *)
(***************************************************************************)
Decide(p) ==
    /\ pPhase[p] = "Lead"
    /\ \E s \in Slot, Q \in SUBSET Node :
          /\ pProposals[p][s] # None
          /\ IsQuorum(Q)
          /\ \A a \in Q : [type |-> "Accepted", acc |-> a, bal |-> pBal[p],
                           slot |-> s, val |-> pProposals[p][s]] \in msgs
          /\ Send([type |-> "Decide", slot |-> s, val |-> pProposals[p][s]])
    /\ UNCHANGED <<acceptorVars, proposerVars, replicaVars, submitted>>

(* The number of slots from 1 on that log d has decided without a hole.   *)
Prefix(d) == IF \E s \in Slot : d[s] = None
               THEN (CHOOSE s \in Slot : d[s] = None /\ \A t \in Slot : t < s => d[t] # None) - 1
               ELSE MaxSlot

(***************************************************************************)
(* Replica r learns a decided slot and applies every slot it can, in      *)
(* order: it never applies a slot before all lower slots are applied.     *)
(***************************************************************************)
Learn(r) ==
    \E m \in msgs :
        /\ m.type = "Decide"
        /\ decided[r][m.slot] = None
        /\ LET d == [decided[r] EXCEPT ![m.slot] = m.val]
           IN  /\ decided' = [decided EXCEPT ![r] = d]
               /\ applied' = [applied EXCEPT ![r] = Prefix(d)]
        /\ UNCHANGED <<acceptorVars, proposerVars, submitted, msgs>>

(***************************************************************************)
(* Node n crashes and restarts: a leader loses its leadership and its     *)
(* proposals.  Acceptor and replica state is durable.  The only step a    *)
(* proposer can take from "Idle" is Phase1a, which it may also take from  *)
(* any other phase and which resets the same variables, so a crash adds   *)
(* states but no behaviour of acceptors, replicas or messages; Next       *)
(* leaves it out to keep the model small, and NextWithCrash has it.       *)
(***************************************************************************)
Crash(n) ==
    /\ pPhase' = IF n \in Proposer THEN [pPhase EXCEPT ![n] = "Idle"] ELSE pPhase
    /\ pProposals' = IF n \in Proposer THEN [pProposals EXCEPT ![n] = NoCommands] ELSE pProposals
    /\ UNCHANGED <<acceptorVars, pBal, replicaVars, submitted, msgs>>

Next ==
    \/ \E v \in Value : Submit(v)
    \/ \E p \in Proposer : Phase1a(p) \/ BecomeLeader(p) \/ Phase2a(p) \/ Decide(p)
    \/ \E a \in Node : Phase1b(a) \/ Phase2b(a)
    \/ \E r \in Replica : Learn(r)

NextWithCrash == Next \/ \E n \in Node : Crash(n)

Spec == Init /\ [][Next]_vars

(* State constraint of the CI model: the message set grows with every step *)
(* that sends, so this bounds the length of the behaviours explored.       *)
MessageBound == Cardinality(msgs) <= MaxMessages

-----------------------------------------------------------------------------
ChosenAt(s, v, b) ==
    \E Q \in SUBSET Node :
        /\ IsQuorum(Q)
        /\ \A a \in Q : [type |-> "Accepted", acc |-> a, bal |-> b, slot |-> s, val |-> v] \in msgs

Chosen(s, v) == \E b \in Ballot : ChosenAt(s, v, b)

(* Per-slot agreement: at most one command is chosen in a slot, and no two *)
(* replicas learn different commands for it.                               *)
Agreement ==
    /\ \A s \in Slot, v, w \in Command : Chosen(s, v) /\ Chosen(s, w) => v = w
    /\ \A r, q \in Replica, s \in Slot :
          decided[r][s] # None /\ decided[q][s] # None => decided[r][s] = decided[q][s]

(* Only submitted commands (or Noop) are chosen, and only chosen ones learned. *)
Validity ==
    /\ \A s \in Slot, v \in Command : Chosen(s, v) => v \in submitted \cup {Noop}
    /\ \A r \in Replica, s \in Slot : decided[r][s] # None => Chosen(s, decided[r][s])

(* Replicas apply in slot order, without gaps.                             *)
InOrder == \A r \in Replica : \A s \in Slot : s <= applied[r] => decided[r][s] # None
=============================================================================
