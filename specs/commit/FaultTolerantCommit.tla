------------------------- MODULE FaultTolerantCommit -------------------------
(***************************************************************************)
(* Fault-tolerant atomic commit (Kleppmann's Cambridge notes, "fault-      *)
(* tolerant two-phase commit"): no coordinator decides.  Every participant *)
(* broadcasts its vote by total order broadcast, and a participant that    *)
(* suspects another of having crashed (its failure detector: a timeout)    *)
(* broadcasts a no vote on that participant's behalf.  Every participant   *)
(* decides on the votes in the order the broadcast delivers them, counting *)
(* only the first vote for each participant: it aborts at the first no     *)
(* vote and commits once it has a yes vote from everyone.  Since all       *)
(* participants deliver the same votes in the same order they all decide   *)
(* alike, and since a crashed participant is voted for by the others,      *)
(* nobody waits for it: the protocol does not block.                       *)
(*                                                                         *)
(* The total order broadcast is abstract: a vote broadcast waits in        *)
(* pending until the broadcast puts it at the end of log (the sequencer's  *)
(* numbering); every participant delivers log in order.  The broadcast is  *)
(* assumed fault tolerant (the implementation's sequencer does not crash;  *)
(* in practice it is a consensus service).  Participants crash and stop    *)
(* (at most MaxCrashes); a vote they broadcast before still reaches the    *)
(* broadcast.  Suspicions may be wrong: a wrong one aborts a transaction   *)
(* that could have committed, which is safe.                               *)
(*                                                                         *)
(* BUG seeds a mistake: "abort-locally-on-suspicion" aborts at the         *)
(* suspecting participant instead of broadcasting a no vote for the        *)
(* suspected one, so the others may still commit.                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Participant,    \* the participants of the transaction
    MaxCrashes,     \* how many participants may crash
    BUG             \* "none" or the name of a seeded bug

ASSUME BUG \in {"none", "abort-locally-on-suspicion"}

VARIABLES
    ownVote,        \* ownVote[p]: "none", "yes" or "no", the vote p cast for itself
    suspected,      \* suspected[p]: the participants p broadcast a no vote for
    pending,        \* the votes broadcast and not yet ordered
    log,            \* the votes in total order
    delivered,      \* delivered[p]: how many votes of log p has delivered
    commitVotes,    \* commitVotes[p]: the participants whose first vote p delivered is yes
    decision,       \* decision[p]: "none", "committed" or "aborted"
    crashed         \* the participants that crashed

vars == <<ownVote, suspected, pending, log, delivered, commitVotes, decision, crashed>>

(* A vote for participant voter, broadcast by participant by: its own vote *)
(* when by = voter, a no vote on its behalf otherwise.                     *)
VoteMessage == [by : Participant, voter : Participant, ok : BOOLEAN]

Range(s) == {s[i] : i \in DOMAIN s}

TypeOK ==
    /\ ownVote \in [Participant -> {"none", "yes", "no"}]
    /\ suspected \in [Participant -> SUBSET Participant]
    /\ pending \subseteq VoteMessage
    /\ Range(log) \subseteq VoteMessage
    /\ delivered \in [Participant -> 0..Len(log)]
    /\ commitVotes \in [Participant -> SUBSET Participant]
    /\ decision \in [Participant -> {"none", "committed", "aborted"}]
    /\ crashed \subseteq Participant

Init ==
    /\ ownVote = [p \in Participant |-> "none"]
    /\ suspected = [p \in Participant |-> {}]
    /\ pending = {}
    /\ log = <<>>
    /\ delivered = [p \in Participant |-> 0]
    /\ commitVotes = [p \in Participant |-> {}]
    /\ decision = [p \in Participant |-> "none"]
    /\ crashed = {}

Broadcast(v) == pending' = pending \cup {v}

(* Participant p is asked to commit and can: it broadcasts a yes vote.     *)
VoteYes(p) ==
    /\ p \notin crashed
    /\ ownVote[p] = "none"
    /\ ownVote' = [ownVote EXCEPT ![p] = "yes"]
    /\ Broadcast([by |-> p, voter |-> p, ok |-> TRUE])
    /\ UNCHANGED <<suspected, log, delivered, commitVotes, decision, crashed>>

(* Participant p cannot commit (or gives up waiting to be asked): it       *)
(* broadcasts a no vote.                                                   *)
VoteNo(p) ==
    /\ p \notin crashed
    /\ ownVote[p] = "none"
    /\ ownVote' = [ownVote EXCEPT ![p] = "no"]
    /\ Broadcast([by |-> p, voter |-> p, ok |-> FALSE])
    /\ UNCHANGED <<suspected, log, delivered, commitVotes, decision, crashed>>

(* Participant p, undecided, suspects q, whose vote it has not delivered:  *)
(* it broadcasts a no vote on q's behalf.                                  *)
Suspect(p, q) ==
    /\ p \notin crashed
    /\ q # p
    /\ decision[p] = "none"
    /\ q \notin commitVotes[p]
    /\ q \notin suspected[p]
    /\ suspected' = [suspected EXCEPT ![p] = @ \cup {q}]
    /\ IF BUG = "abort-locally-on-suspicion"
          THEN /\ decision' = [decision EXCEPT ![p] = "aborted"]
               /\ UNCHANGED pending
          ELSE /\ Broadcast([by |-> p, voter |-> q, ok |-> FALSE])
               /\ UNCHANGED decision
    /\ UNCHANGED <<ownVote, log, delivered, commitVotes, crashed>>

(* The total order broadcast orders vote v.                                *)
Sequence(v) ==
    /\ v \in pending
    /\ pending' = pending \ {v}
    /\ log' = Append(log, v)
    /\ UNCHANGED <<ownVote, suspected, delivered, commitVotes, decision, crashed>>

(* Participant p delivers the next vote in total order.  Only the first    *)
(* vote for a participant counts, and only while p is undecided.           *)
DeliverVote(p) ==
    /\ p \notin crashed
    /\ delivered[p] < Len(log)
    /\ LET v == log[delivered[p] + 1]
           counts == decision[p] = "none" /\ v.voter \notin commitVotes[p]
       IN  /\ delivered' = [delivered EXCEPT ![p] = @ + 1]
           /\ commitVotes' = IF counts /\ v.ok
                                THEN [commitVotes EXCEPT ![p] = @ \cup {v.voter}]
                                ELSE commitVotes
           /\ decision' = IF ~counts THEN decision
                          ELSE IF ~v.ok THEN [decision EXCEPT ![p] = "aborted"]
                          ELSE IF commitVotes'[p] = Participant THEN [decision EXCEPT ![p] = "committed"]
                          ELSE decision
    /\ UNCHANGED <<ownVote, suspected, pending, log, crashed>>

(* Participant p crashes and stops.                                        *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ UNCHANGED <<ownVote, suspected, pending, log, delivered, commitVotes, decision>>

Next ==
    \/ \E p \in Participant : VoteYes(p) \/ VoteNo(p) \/ DeliverVote(p) \/ Crash(p)
    \/ \E p, q \in Participant : Suspect(p, q)
    \/ \E v \in VoteMessage : Sequence(v)

Spec == Init /\ [][Next]_vars

(* Every live participant votes, delivers and suspects those whose vote it *)
(* lacks (the failure detector's completeness; its timeout makes it also   *)
(* suspect slow participants), and the broadcast orders every vote.        *)
FairSpec ==
    /\ Spec
    /\ \A p \in Participant : WF_vars(VoteYes(p) \/ VoteNo(p)) /\ WF_vars(DeliverVote(p))
    /\ \A p, q \in Participant : WF_vars(Suspect(p, q))
    /\ WF_vars(\E v \in pending : Sequence(v))

-----------------------------------------------------------------------------
(* Safety.                                                                 *)

(* Atomicity: no participant commits while another aborts (crashed ones    *)
(* included: what they decided before crashing counts).                    *)
Atomicity == \A p, q \in Participant : ~(decision[p] = "committed" /\ decision[q] = "aborted")

(* Validity: the transaction commits only if every participant voted yes.  *)
Validity == \A p \in Participant : decision[p] = "committed" => \A q \in Participant : ownVote[q] = "yes"

(* A decision is final.                                                    *)
Integrity == [][\A p \in Participant : decision[p] # "none" => decision'[p] = decision[p]]_vars

(* Liveness.  Termination: every participant that does not crash decides,  *)
(* whichever participants crash: the protocol does not block.              *)
Termination == <>[](\A p \in Participant : p \in crashed \/ decision[p] # "none")
=============================================================================
