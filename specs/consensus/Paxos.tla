------------------------------- MODULE Paxos -------------------------------
(***************************************************************************)
(* Single-decree Paxos, after Lamport's "Paxos Made Simple" and his       *)
(* Paxos.tla, written so that it reads side by side with the C# node in   *)
(* src/Verification.Protocols/Consensus/Paxos/PaxosNode.cs.               *)
(*                                                                         *)
(* Every node is an acceptor; the nodes in Proposer also propose and the *)
(* nodes in Learner also learn (in the implementation every node learns,  *)
(* and the nodes that clients talk to propose).  A proposer takes one     *)
(* value from a client and tries, ballot after ballot, to get it (or a    *)
(* value that may already have been chosen) accepted by a quorum of       *)
(* acceptors.  A learner learns the chosen value from the proposer that   *)
(* saw a quorum accept it (the "distinguished learner" of Paxos Made      *)
(* Simple, section 2.3).                                                   *)
(*                                                                         *)
(* The network is the set msgs of every message ever sent: a message can *)
(* be received any number of times (duplication), in any order            *)
(* (reordering) or never (loss).  A node can crash and restart at any     *)
(* time: it keeps what it persisted (the acceptor's promise and vote, the *)
(* proposer's last ballot and value, the learned value) and forgets how   *)
(* far its current ballot got.                                             *)
(*                                                                         *)
(* As in Lamport's spec, a proposer's Phase2a and Decide read the         *)
(* promises and votes of a quorum from msgs.  The implementation counts   *)
(* them one message at a time; those receipts change no variable of this  *)
(* spec (they are stuttering steps), and the receipt that completes the   *)
(* quorum is the Phase2a or Decide step.                                   *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Node,       \* the nodes; each is an acceptor
    Proposer,   \* the nodes that clients ask to propose a value
    Learner,    \* the nodes that learn the outcome (every node, in the implementation)
    Value,      \* the values clients may ask a proposer to propose
    None,       \* "no value"
    MaxBallot   \* ballots are 0 .. MaxBallot (bounds the model)

ASSUME None \notin Value
ASSUME MaxBallot \in Nat
ASSUME Proposer \subseteq Node /\ Learner \subseteq Node

Ballot == 0 .. MaxBallot

(* A quorum is any majority of the acceptors; any two quorums intersect.  *)
IsQuorum(S) == 2 * Cardinality(S) > Cardinality(Node)

Message ==
         [type : {"Prepare"}, bal : Ballot]
    \cup [type : {"Promise"}, acc : Node, bal : Ballot,
          mbal : Ballot \cup {-1}, mval : Value \cup {None}]
    \cup [type : {"Accept"}, bal : Ballot, val : Value]
    \cup [type : {"Accepted"}, acc : Node, bal : Ballot, val : Value]
    \cup [type : {"Decide"}, bal : Ballot, val : Value]

VARIABLES
    \* acceptor state, durable
    maxBal,     \* maxBal[a]: the highest ballot a has promised (or voted in)
    maxVBal,    \* maxVBal[a]: the highest ballot a has voted in, -1 if none
    maxVal,     \* maxVal[a]: the value a voted for in ballot maxVBal[a]
    \* proposer state; pBal and pVal are durable, pPhase is volatile
    pBal,       \* pBal[p]: the last ballot p started, -1 if none
    pVal,       \* pVal[p]: the value p's client asked it to propose
    pPhase,     \* pPhase[p]: "Idle", "Prepare", "Accept" or "Decided"
    \* learner state, durable
    learned,    \* learned[l]: the value l learned, None until then
    msgs        \* every message sent so far

acceptorVars == <<maxBal, maxVBal, maxVal>>
proposerVars == <<pBal, pVal, pPhase>>
vars == <<acceptorVars, proposerVars, learned, msgs>>

TypeOK ==
    /\ maxBal \in [Node -> Ballot \cup {-1}]
    /\ maxVBal \in [Node -> Ballot \cup {-1}]
    /\ maxVal \in [Node -> Value \cup {None}]
    /\ pBal \in [Proposer -> Ballot \cup {-1}]
    /\ pVal \in [Proposer -> Value \cup {None}]
    /\ pPhase \in [Proposer -> {"Idle", "Prepare", "Accept", "Decided"}]
    /\ learned \in [Learner -> Value \cup {None}]
    /\ msgs \subseteq Message

Init ==
    /\ maxBal = [a \in Node |-> -1]
    /\ maxVBal = [a \in Node |-> -1]
    /\ maxVal = [a \in Node |-> None]
    /\ pBal = [p \in Proposer |-> -1]
    /\ pVal = [p \in Proposer |-> None]
    /\ pPhase = [p \in Proposer |-> "Idle"]
    /\ learned = [l \in Learner |-> None]
    /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

(***************************************************************************)
(* A client asks proposer p to propose value v.  Clients propose distinct *)
(* values, so that a disagreement is visible as two different values.     *)
(***************************************************************************)
Propose(p, v) ==
    /\ pVal[p] = None
    /\ \A q \in Proposer : pVal[q] # v
    /\ pVal' = [pVal EXCEPT ![p] = v]
    /\ UNCHANGED <<acceptorVars, pBal, pPhase, learned, msgs>>

(***************************************************************************)
(* Phase 1a: proposer p, which has a value and does not yet know the      *)
(* outcome, starts a new ballot b: higher than any it started before and  *)
(* used by no other proposer.  It asks every acceptor for a promise.  The *)
(* implementation meets "used by no other proposer" by giving node i the  *)
(* ballots i, i + N, i + 2N, ...  A proposer starts a new ballot whenever *)
(* its retry timer fires, which is how it gets past a ballot that lost    *)
(* messages or was overtaken.                                              *)
(***************************************************************************)
(* (pBal' comes before the scan of msgs so that a trace validator, which    *)
(* knows pBal', scans msgs once and not once per ballot; the successors   *)
(* are the same.)                                                          *)
Phase1a(p) ==
    /\ pVal[p] # None
    /\ pPhase[p] # "Decided"
    /\ p \in Learner => learned[p] = None
    /\ \E b \in Ballot :
          /\ b > pBal[p]
          /\ pBal' = [pBal EXCEPT ![p] = b]
          /\ ~\E m \in msgs : m.type = "Prepare" /\ m.bal = b
          /\ pPhase' = [pPhase EXCEPT ![p] = "Prepare"]
          /\ Send([type |-> "Prepare", bal |-> b])
    /\ UNCHANGED <<acceptorVars, pVal, learned>>

(***************************************************************************)
(* Phase 1b: acceptor a receives a prepare for a ballot at least as high  *)
(* as any it has promised and higher than any it voted in.  It promises   *)
(* not to vote in lower ballots and reports its latest vote.  A prepare   *)
(* for the ballot it already promised is answered again (a retransmitted  *)
(* prepare must not get stuck); until a votes in that ballot the answer   *)
(* is the same promise.  This is safe only because ballots are unique.    *)
(***************************************************************************)
Phase1b(a) ==
    \E m \in msgs :
        /\ m.type = "Prepare"
        /\ m.bal >= maxBal[a]
        /\ m.bal > maxVBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ Send([type |-> "Promise", acc |-> a, bal |-> m.bal,
                 mbal |-> maxVBal[a], mval |-> maxVal[a]])
        /\ UNCHANGED <<maxVBal, maxVal, proposerVars, learned>>

(***************************************************************************)
(* The value a proposer may propose with the promises P of a quorum: the  *)
(* value of the highest ballot any of them voted in, or its own value v   *)
(* if none of them voted.                                                  *)
(***************************************************************************)
SafeValue(P, v) ==
    LET top == CHOOSE m \in P : \A o \in P : o.mbal <= m.mbal
    IN  IF top.mbal = -1 THEN v ELSE top.mval

(***************************************************************************)
(* Phase 2a: proposer p has promises for its ballot from a quorum Q.  It  *)
(* asks every acceptor to accept the safe value in its ballot.  (An       *)
(* acceptor answers a ballot with one promise only: it repeats it, but    *)
(* never with another vote, so P holds one promise per acceptor of Q.)    *)
(***************************************************************************)
Phase2a(p) ==
    /\ pPhase[p] = "Prepare"
    /\ \E Q \in SUBSET Node :
          LET P == {m \in msgs : m.type = "Promise" /\ m.bal = pBal[p] /\ m.acc \in Q}
          IN  /\ IsQuorum(Q)
              /\ \A a \in Q : \E m \in P : m.acc = a
              /\ Send([type |-> "Accept", bal |-> pBal[p], val |-> SafeValue(P, pVal[p])])
    /\ pPhase' = [pPhase EXCEPT ![p] = "Accept"]
    /\ UNCHANGED <<acceptorVars, pBal, pVal, learned>>

(***************************************************************************)
(* Phase 2b: acceptor a receives an accept request for a ballot it has    *)
(* not promised to ignore.  It votes for the value and tells the          *)
(* proposer.                                                               *)
(***************************************************************************)
Phase2b(a) ==
    \E m \in msgs :
        /\ m.type = "Accept"
        /\ m.bal >= maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
        /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
        /\ Send([type |-> "Accepted", acc |-> a, bal |-> m.bal, val |-> m.val])
        /\ UNCHANGED <<proposerVars, learned>>

(***************************************************************************)
(* Decide: a quorum has voted for p's value in p's ballot, so the value   *)
(* is chosen.  Proposer p tells every learner.                             *)
(***************************************************************************)
Decide(p) ==
    /\ pPhase[p] = "Accept"
    /\ \E Q \in SUBSET Node, v \in Value :
          /\ IsQuorum(Q)
          /\ \A a \in Q : [type |-> "Accepted", acc |-> a, bal |-> pBal[p], val |-> v] \in msgs
          /\ Send([type |-> "Decide", bal |-> pBal[p], val |-> v])
    /\ pPhase' = [pPhase EXCEPT ![p] = "Decided"]
    /\ UNCHANGED <<acceptorVars, pBal, pVal, learned>>

(***************************************************************************)
(* Learner l learns the chosen value, once.                                *)
(***************************************************************************)
Learn(l) ==
    \E m \in msgs :
        /\ m.type = "Decide"
        /\ learned[l] = None
        /\ learned' = [learned EXCEPT ![l] = m.val]
        /\ UNCHANGED <<acceptorVars, proposerVars, msgs>>

(***************************************************************************)
(* Node n crashes and restarts: it loses what it did not persist.  While  *)
(* it is down it takes no steps, which the network cannot tell apart from *)
(* a slow node, so crash and restart are one step here.                    *)
(***************************************************************************)
Crash(n) ==
    /\ pPhase' = IF n \in Proposer THEN [pPhase EXCEPT ![n] = "Idle"] ELSE pPhase
    /\ UNCHANGED <<acceptorVars, pBal, pVal, learned, msgs>>

Next ==
    \/ \E p \in Proposer, v \in Value : Propose(p, v)
    \/ \E p \in Proposer : Phase1a(p) \/ Phase2a(p) \/ Decide(p)
    \/ \E a \in Node : Phase1b(a) \/ Phase2b(a)
    \/ \E l \in Learner : Learn(l)
    \/ \E n \in Node : Crash(n)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Safety.                                                                 *)
(***************************************************************************)
ChosenAt(v, b) ==
    \E Q \in SUBSET Node :
        /\ IsQuorum(Q)
        /\ \A a \in Q : [type |-> "Accepted", acc |-> a, bal |-> b, val |-> v] \in msgs

Chosen(v) == \E b \in Ballot : ChosenAt(v, b)

Proposed == {pVal[p] : p \in Proposer} \ {None}

(* At most one value is chosen, and all learners learn the same value.    *)
Agreement ==
    /\ \A v, w \in Value : Chosen(v) /\ Chosen(w) => v = w
    /\ \A l, k \in Learner : learned[l] # None /\ learned[k] # None => learned[l] = learned[k]

(* Only a proposed value can be chosen, and only a chosen value learned.  *)
Validity ==
    /\ \A v \in Value : Chosen(v) => v \in Proposed
    /\ \A l \in Learner : learned[l] # None => Chosen(learned[l])

(* A learner learns at most once: what it learned never changes.           *)
Integrity == [][\A l \in Learner : learned[l] # None => learned'[l] = learned[l]]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness.  Paxos cannot guarantee progress while proposers keep         *)
(* overtaking each other; it guarantees it once a single proposer runs     *)
(* long enough without crashing and the network delivers its messages.    *)
(* The liveness model has a single proposer; LiveNext is Next without     *)
(* proposer crashes (acceptors and learners may still crash and restart), *)
(* and fairness says that each step that stays possible is eventually     *)
(* taken.                                                                  *)
(***************************************************************************)
LiveNext ==
    \/ \E p \in Proposer, v \in Value : Propose(p, v)
    \/ \E p \in Proposer : Phase1a(p) \/ Phase2a(p) \/ Decide(p)
    \/ \E a \in Node : Phase1b(a) \/ Phase2b(a)
    \/ \E l \in Learner : Learn(l)
    \/ \E n \in Node \ Proposer : Crash(n)

LiveSpec ==
    /\ Init /\ [][LiveNext]_vars
    /\ \A p \in Proposer :
          /\ WF_vars(\E v \in Value : Propose(p, v))
          /\ WF_vars(Phase1a(p)) /\ WF_vars(Phase2a(p)) /\ WF_vars(Decide(p))
    /\ \A a \in Node : WF_vars(Phase1b(a)) /\ WF_vars(Phase2b(a))
    /\ \A l \in Learner : WF_vars(Learn(l))

(* Some value is eventually chosen, and every learner eventually learns it. *)
EventuallyChosen == <>(\E v \in Value : Chosen(v))
EventuallyLearned == <>(\A l \in Learner : learned[l] # None)
=============================================================================
