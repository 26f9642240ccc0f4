------------------------------- MODULE Paxos -------------------------------
(***************************************************************************)
(* Single-decree Paxos, after Lamport's "Paxos Made Simple" and his       *)
(* Paxos.tla, written so that it reads side by side with the C# node in   *)
(* src/Verification.Protocols/Consensus/Paxos/PaxosNode.cs.               *)
(*                                                                         *)
(* Every node plays the three roles.  As a proposer it takes one value    *)
(* from a client and tries, ballot after ballot, to get it (or a value    *)
(* that may already have been chosen) accepted by a quorum of acceptors.  *)
(* As an acceptor it promises and accepts.  As a learner it learns the    *)
(* chosen value from the proposer that saw a quorum accept it (the        *)
(* "distinguished learner" of Paxos Made Simple, section 2.3).            *)
(*                                                                         *)
(* The network is the set msgs of every message ever sent: a message can *)
(* be received any number of times (duplication), in any order            *)
(* (reordering) or never (loss).  A node can crash and restart at any     *)
(* time: it keeps what it persisted (the acceptor's promise and vote, the *)
(* proposer's last ballot and value, the learned value) and loses the     *)
(* rest (the promises and votes a proposer was collecting).                *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Node,       \* the nodes; each is a proposer, an acceptor and a learner
    Value,      \* the values clients may ask a proposer to propose
    None,       \* "no value"
    MaxBallot,  \* ballots are 0 .. MaxBallot (bounds the model)
    Leader      \* the single proposer that runs in the liveness model

ASSUME None \notin Value
ASSUME MaxBallot \in Nat
ASSUME Leader \in Node

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
    \* proposer state; pBal and pVal are durable, the rest is volatile
    pBal,       \* pBal[p]: the last ballot p started, -1 if none
    pVal,       \* pVal[p]: the value p's client asked it to propose
    pPhase,     \* pPhase[p]: "Idle", "Prepare", "Accept" or "Decided"
    pPromises,  \* pPromises[p]: the promises p received for ballot pBal[p]
    pVotes,     \* pVotes[p]: the acceptors that accepted p's ballot pBal[p]
    \* learner state, durable
    learned,    \* learned[l]: the value l learned, None until then
    msgs        \* every message sent so far

acceptorVars == <<maxBal, maxVBal, maxVal>>
proposerVars == <<pBal, pVal, pPhase, pPromises, pVotes>>
vars == <<acceptorVars, proposerVars, learned, msgs>>

TypeOK ==
    /\ maxBal \in [Node -> Ballot \cup {-1}]
    /\ maxVBal \in [Node -> Ballot \cup {-1}]
    /\ maxVal \in [Node -> Value \cup {None}]
    /\ pBal \in [Node -> Ballot \cup {-1}]
    /\ pVal \in [Node -> Value \cup {None}]
    /\ pPhase \in [Node -> {"Idle", "Prepare", "Accept", "Decided"}]
    /\ pPromises \in [Node -> SUBSET Message]
    /\ pVotes \in [Node -> SUBSET Node]
    /\ learned \in [Node -> Value \cup {None}]
    /\ msgs \subseteq Message

Init ==
    /\ maxBal = [a \in Node |-> -1]
    /\ maxVBal = [a \in Node |-> -1]
    /\ maxVal = [a \in Node |-> None]
    /\ pBal = [p \in Node |-> -1]
    /\ pVal = [p \in Node |-> None]
    /\ pPhase = [p \in Node |-> "Idle"]
    /\ pPromises = [p \in Node |-> {}]
    /\ pVotes = [p \in Node |-> {}]
    /\ learned = [l \in Node |-> None]
    /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

Senders(S) == {m.acc : m \in S}

(***************************************************************************)
(* A client asks proposer p to propose value v.                           *)
(***************************************************************************)
Propose(p, v) ==
    /\ pVal[p] = None
    /\ pVal' = [pVal EXCEPT ![p] = v]
    /\ UNCHANGED <<acceptorVars, pBal, pPhase, pPromises, pVotes, learned, msgs>>

(***************************************************************************)
(* Phase 1a: proposer p, which has a value and does not yet know the      *)
(* outcome, starts a new ballot b: higher than any it started before and  *)
(* used by no other proposer.  It asks every acceptor for a promise.  The *)
(* implementation meets "used by no other proposer" by giving node i the  *)
(* ballots i, i + N, i + 2N, ...  A proposer starts a new ballot whenever *)
(* its retry timer fires, which is how it gets past a ballot that lost    *)
(* messages or was overtaken.                                              *)
(***************************************************************************)
Phase1a(p) ==
    /\ pVal[p] # None
    /\ pPhase[p] # "Decided"
    /\ learned[p] = None
    /\ \E b \in Ballot :
          /\ b > pBal[p]
          /\ ~\E m \in msgs : m.type = "Prepare" /\ m.bal = b
          /\ pBal' = [pBal EXCEPT ![p] = b]
          /\ pPhase' = [pPhase EXCEPT ![p] = "Prepare"]
          /\ pPromises' = [pPromises EXCEPT ![p] = {}]
          /\ pVotes' = [pVotes EXCEPT ![p] = {}]
          /\ Send([type |-> "Prepare", bal |-> b])
    /\ UNCHANGED <<acceptorVars, pVal, learned>>

(***************************************************************************)
(* Phase 1b: acceptor a receives a prepare for a ballot at least as high  *)
(* as any it has promised.  It promises not to vote in lower ballots and  *)
(* reports its latest vote.  A prepare for the ballot it already promised *)
(* is answered again, so that a retransmitted prepare is not stuck.       *)
(***************************************************************************)
Phase1b(a) ==
    \E m \in msgs :
        /\ m.type = "Prepare"
        /\ m.bal >= maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ Send([type |-> "Promise", acc |-> a, bal |-> m.bal,
                 mbal |-> maxVBal[a], mval |-> maxVal[a]])
        /\ UNCHANGED <<maxVBal, maxVal, proposerVars, learned>>

(***************************************************************************)
(* The value proposer p may propose with the promises P of a quorum: the  *)
(* value of the highest ballot any of them voted in, or p's own value if  *)
(* none of them voted.                                                     *)
(***************************************************************************)
SafeValue(P, p) ==
    LET top == CHOOSE m \in P : \A o \in P : o.mbal <= m.mbal
    IN  IF top.mbal = -1 THEN pVal[p] ELSE top.mval

PromiseFor(p, m) ==
    /\ m.type = "Promise"
    /\ pPhase[p] = "Prepare"
    /\ m.bal = pBal[p]
    /\ m.acc \notin Senders(pPromises[p])

(***************************************************************************)
(* Proposer p receives a promise for its current ballot; no quorum yet.   *)
(***************************************************************************)
ReceivePromise(p) ==
    \E m \in msgs :
        /\ PromiseFor(p, m)
        /\ ~IsQuorum(Senders(pPromises[p] \cup {m}))
        /\ pPromises' = [pPromises EXCEPT ![p] = @ \cup {m}]
        /\ UNCHANGED <<acceptorVars, pBal, pVal, pPhase, pVotes, learned, msgs>>

(***************************************************************************)
(* Phase 2a: the promise that completes a quorum.  Proposer p asks every  *)
(* acceptor to accept the safe value in its ballot.                        *)
(***************************************************************************)
Phase2a(p) ==
    \E m \in msgs :
        /\ PromiseFor(p, m)
        /\ IsQuorum(Senders(pPromises[p] \cup {m}))
        /\ pPromises' = [pPromises EXCEPT ![p] = @ \cup {m}]
        /\ pPhase' = [pPhase EXCEPT ![p] = "Accept"]
        /\ Send([type |-> "Accept", bal |-> pBal[p],
                 val |-> SafeValue(pPromises[p] \cup {m}, p)])
        /\ UNCHANGED <<acceptorVars, pBal, pVal, pVotes, learned>>

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

AcceptedFor(p, m) ==
    /\ m.type = "Accepted"
    /\ pPhase[p] = "Accept"
    /\ m.bal = pBal[p]
    /\ m.acc \notin pVotes[p]

(***************************************************************************)
(* Proposer p receives a vote for its current ballot; no quorum yet.      *)
(***************************************************************************)
ReceiveAccepted(p) ==
    \E m \in msgs :
        /\ AcceptedFor(p, m)
        /\ ~IsQuorum(pVotes[p] \cup {m.acc})
        /\ pVotes' = [pVotes EXCEPT ![p] = @ \cup {m.acc}]
        /\ UNCHANGED <<acceptorVars, pBal, pVal, pPhase, pPromises, learned, msgs>>

(***************************************************************************)
(* The vote that completes a quorum: the value is chosen.  Proposer p     *)
(* tells every learner.                                                    *)
(***************************************************************************)
Decide(p) ==
    \E m \in msgs :
        /\ AcceptedFor(p, m)
        /\ IsQuorum(pVotes[p] \cup {m.acc})
        /\ pVotes' = [pVotes EXCEPT ![p] = @ \cup {m.acc}]
        /\ pPhase' = [pPhase EXCEPT ![p] = "Decided"]
        /\ Send([type |-> "Decide", bal |-> m.bal, val |-> m.val])
        /\ UNCHANGED <<acceptorVars, pBal, pVal, pPromises, learned>>

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
    /\ pPhase' = [pPhase EXCEPT ![n] = "Idle"]
    /\ pPromises' = [pPromises EXCEPT ![n] = {}]
    /\ pVotes' = [pVotes EXCEPT ![n] = {}]
    /\ UNCHANGED <<acceptorVars, pBal, pVal, learned, msgs>>

Next ==
    \/ \E p \in Node, v \in Value : Propose(p, v)
    \/ \E p \in Node : \/ Phase1a(p) \/ ReceivePromise(p) \/ Phase2a(p)
                       \/ ReceiveAccepted(p) \/ Decide(p)
    \/ \E a \in Node : Phase1b(a) \/ Phase2b(a)
    \/ \E n \in Node : Learn(n) \/ Crash(n)

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

Proposed == {pVal[p] : p \in Node} \ {None}

(* At most one value is chosen, and all learners learn the same value.    *)
Agreement ==
    /\ \A v, w \in Value : Chosen(v) /\ Chosen(w) => v = w
    /\ \A l, k \in Node : learned[l] # None /\ learned[k] # None => learned[l] = learned[k]

(* Only a proposed value can be chosen, and only a chosen value learned.  *)
Validity ==
    /\ \A v \in Value : Chosen(v) => v \in Proposed
    /\ \A l \in Node : learned[l] # None => Chosen(learned[l])

(* A learner learns at most once: what it learned never changes.           *)
Integrity == [][\A l \in Node : learned[l] # None => learned'[l] = learned[l]]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness.  Paxos cannot guarantee progress while proposers keep         *)
(* overtaking each other; it guarantees it once a single proposer, Leader, *)
(* runs long enough and the network delivers its messages.  LiveNext is    *)
(* the system in which only Leader proposes and Leader does not crash (the *)
(* other nodes still may); fairness says that each step that stays         *)
(* possible is eventually taken.                                           *)
(***************************************************************************)
LiveNext ==
    \/ \E v \in Value : Propose(Leader, v)
    \/ Phase1a(Leader) \/ ReceivePromise(Leader) \/ Phase2a(Leader)
    \/ ReceiveAccepted(Leader) \/ Decide(Leader)
    \/ \E a \in Node : Phase1b(a) \/ Phase2b(a)
    \/ \E n \in Node : Learn(n)
    \/ \E n \in Node \ {Leader} : Crash(n)

LiveSpec ==
    /\ Init /\ [][LiveNext]_vars
    /\ WF_vars(\E v \in Value : Propose(Leader, v))
    /\ WF_vars(Phase1a(Leader))
    /\ WF_vars(ReceivePromise(Leader)) /\ WF_vars(Phase2a(Leader))
    /\ WF_vars(ReceiveAccepted(Leader)) /\ WF_vars(Decide(Leader))
    /\ \A a \in Node : WF_vars(Phase1b(a)) /\ WF_vars(Phase2b(a))
    /\ \A n \in Node : WF_vars(Learn(n))

(* Some value is eventually chosen, and every node eventually learns it.  *)
EventuallyChosen == <>(\E v \in Value : Chosen(v))
EventuallyLearned == <>(\A l \in Node : learned[l] # None)
=============================================================================
