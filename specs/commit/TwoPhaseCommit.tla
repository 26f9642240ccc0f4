---------------------------- MODULE TwoPhaseCommit ----------------------------
(***************************************************************************)
(* Two-phase commit with a coordinator (Gray 1978; Kleppmann's Cambridge   *)
(* notes; Lamport and Gray's TCommit/TwoPhase specs are the abstract view).*)
(*                                                                         *)
(* The coordinator (the transaction manager) asks every resource manager   *)
(* to prepare.  A resource manager votes yes by logging that it is         *)
(* prepared and saying so, or votes no by aborting; until it prepares it   *)
(* may abort on its own.  The coordinator commits once it has a yes vote   *)
(* from every resource manager, and may abort at any time before that (a   *)
(* no vote, or its timeout); it tells every resource manager the outcome.  *)
(* A prepared resource manager has given up its right to abort: it must    *)
(* wait for the coordinator's decision.                                    *)
(*                                                                         *)
(* Messages are never lost but may arrive late and in any order (the       *)
(* network is the set msgs of every message sent).  The coordinator logs   *)
(* its state; it crashes, and recovers from its log when it comes back: a  *)
(* decision it logged it tells again, an undecided transaction it aborts   *)
(* (presumed abort).  Recovery may take arbitrarily long (no fairness).    *)
(* A resource manager crashes and restarts in one step: it keeps what it   *)
(* logged (prepared or the outcome); work it had not prepared is lost, so  *)
(* it aborts.                                                              *)
(*                                                                         *)
(* Safety holds whatever crashes; termination does not: when the           *)
(* coordinator crashes after the resource managers prepared, they wait     *)
(* until it recovers, and it may never.  That is why two-phase commit is   *)
(* called blocking.                                                        *)
(*                                                                         *)
(* BUG seeds a mistake: "commit-on-partial-votes" commits as soon as some  *)
(* resource manager voted yes; "forget-prepared-on-restart" does not log   *)
(* the prepared state, so a resource manager that restarts after voting    *)
(* yes aborts.                                                             *)
(***************************************************************************)
EXTENDS FiniteSets

CONSTANTS
    Coordinator,    \* the transaction manager
    RM,             \* the resource managers
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ Coordinator \notin RM
       /\ BUG \in {"none", "commit-on-partial-votes", "forget-prepared-on-restart"}

VARIABLES
    rmState,        \* rmState[r]: "working", "prepared", "committed" or "aborted"
    tmState,        \* the coordinator's state: "init", "waiting", "committed" or "aborted"
    tmVotes,        \* the resource managers whose yes vote the coordinator received
    tmCrashed,      \* whether the coordinator has crashed
    msgs            \* every message sent so far

vars == <<rmState, tmState, tmVotes, tmCrashed, msgs>>

Message ==
         [type : {"Prepare", "Commit", "Abort"}]
    \cup [type : {"Prepared", "Aborted"}, rm : RM]

Decided == {"committed", "aborted"}

TypeOK ==
    /\ rmState \in [RM -> {"working", "prepared"} \cup Decided]
    /\ tmState \in {"init", "waiting"} \cup Decided
    /\ tmVotes \subseteq RM
    /\ tmCrashed \in BOOLEAN
    /\ msgs \subseteq Message

Init ==
    /\ rmState = [r \in RM |-> "working"]
    /\ tmState = "init"
    /\ tmVotes = {}
    /\ tmCrashed = FALSE
    /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

(* Phase 1: the coordinator c asks every resource manager to prepare.      *)
TMPrepare(c) ==
    /\ ~tmCrashed
    /\ tmState = "init"
    /\ tmState' = "waiting"
    /\ Send([type |-> "Prepare"])
    /\ UNCHANGED <<rmState, tmVotes, tmCrashed>>

(* Resource manager r votes yes: it logs that it is prepared and tells the *)
(* coordinator.                                                            *)
RMPrepare(r) ==
    /\ rmState[r] = "working"
    /\ [type |-> "Prepare"] \in msgs
    /\ rmState' = [rmState EXCEPT ![r] = "prepared"]
    /\ Send([type |-> "Prepared", rm |-> r])
    /\ UNCHANGED <<tmState, tmVotes, tmCrashed>>

(* Resource manager r, not yet prepared, aborts on its own and votes no.   *)
RMChooseToAbort(r) ==
    /\ rmState[r] = "working"
    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
    /\ Send([type |-> "Aborted", rm |-> r])
    /\ UNCHANGED <<tmState, tmVotes, tmCrashed>>

(* The coordinator c receives r's yes vote.                                *)
TMRcvPrepared(c, r) ==
    /\ ~tmCrashed
    /\ tmState = "waiting"
    /\ [type |-> "Prepared", rm |-> r] \in msgs
    /\ tmVotes' = tmVotes \cup {r}
    /\ UNCHANGED <<rmState, tmState, tmCrashed, msgs>>

(* Phase 2: the coordinator c has every yes vote, commits and tells every  *)
(* resource manager.                                                       *)
TMCommit(c) ==
    /\ ~tmCrashed
    /\ tmState = "waiting"
    /\ IF BUG = "commit-on-partial-votes" THEN tmVotes # {} ELSE tmVotes = RM
    /\ tmState' = "committed"
    /\ Send([type |-> "Commit"])
    /\ UNCHANGED <<rmState, tmVotes, tmCrashed>>

(* The coordinator c aborts: a resource manager voted no, or its timeout   *)
(* fired before every vote came in.                                        *)
TMAbort(c) ==
    /\ ~tmCrashed
    /\ tmState \in {"init", "waiting"}
    /\ tmState' = "aborted"
    /\ Send([type |-> "Abort"])
    /\ UNCHANGED <<rmState, tmVotes, tmCrashed>>

(* Resource manager r learns that the transaction committed.               *)
RMRcvCommit(r) ==
    /\ rmState[r] = "prepared"
    /\ [type |-> "Commit"] \in msgs
    /\ rmState' = [rmState EXCEPT ![r] = "committed"]
    /\ UNCHANGED <<tmState, tmVotes, tmCrashed, msgs>>

(* Resource manager r learns that the transaction aborted.                 *)
RMRcvAbort(r) ==
    /\ rmState[r] \in {"working", "prepared"}
    /\ [type |-> "Abort"] \in msgs
    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
    /\ UNCHANGED <<tmState, tmVotes, tmCrashed, msgs>>

(* The coordinator c crashes.                                              *)
TMCrash(c) ==
    /\ ~tmCrashed
    /\ tmCrashed' = TRUE
    /\ UNCHANGED <<rmState, tmState, tmVotes, msgs>>

(* The coordinator c comes back and recovers from its log: it tells a      *)
(* logged decision again (already in msgs) and aborts an undecided         *)
(* transaction, whose votes sent while it was down are lost.               *)
TMRecover(c) ==
    /\ tmCrashed
    /\ tmCrashed' = FALSE
    /\ IF tmState \in Decided
          THEN UNCHANGED <<tmState, msgs>>
          ELSE /\ tmState' = "aborted"
               /\ Send([type |-> "Abort"])
    /\ UNCHANGED <<rmState, tmVotes>>

(* Resource manager r crashed and restarts.  It has lost the work it had   *)
(* not prepared, so it aborts and votes no; what it logged it keeps (a     *)
(* restart in a logged state changes no variable).                         *)
RMRestart(r) ==
    /\ rmState[r] \in IF BUG = "forget-prepared-on-restart" THEN {"working", "prepared"} ELSE {"working"}
    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
    /\ Send([type |-> "Aborted", rm |-> r])
    /\ UNCHANGED <<tmState, tmVotes, tmCrashed>>

(* Next without the coordinator's crash (and so without its recovery).     *)
LiveNext ==
    \/ TMPrepare(Coordinator) \/ TMCommit(Coordinator) \/ TMAbort(Coordinator)
    \/ \E r \in RM : TMRcvPrepared(Coordinator, r)
    \/ \E r \in RM : RMPrepare(r) \/ RMChooseToAbort(r) \/ RMRcvCommit(r) \/ RMRcvAbort(r)
    \/ \E r \in RM : RMRestart(r)

Next == LiveNext \/ TMCrash(Coordinator) \/ TMRecover(Coordinator)

(* A live coordinator sends its requests, collects the votes and decides   *)
(* (by its timeout if no decision comes sooner); resource managers take    *)
(* the steps the protocol asks of them.  Aborting on one's own and         *)
(* crashing are choices, not obligations.                                  *)
Fairness ==
    /\ WF_vars(TMPrepare(Coordinator))
    /\ \A r \in RM : WF_vars(TMRcvPrepared(Coordinator, r))
    /\ WF_vars(TMCommit(Coordinator) \/ TMAbort(Coordinator))
    /\ \A r \in RM : WF_vars(RMPrepare(r)) /\ WF_vars(RMRcvCommit(r)) /\ WF_vars(RMRcvAbort(r))

Spec == Init /\ [][Next]_vars

(* The coordinator may crash and need not recover: termination fails       *)
(* (two-phase commit blocks).                                              *)
FairSpec == Spec /\ Fairness

(* The coordinator does not crash: every resource manager decides.         *)
LiveSpec == Init /\ [][LiveNext]_vars /\ Fairness

-----------------------------------------------------------------------------
(* Safety.                                                                 *)

(* Atomicity: no resource manager commits while another aborts.            *)
Atomicity == \A r, s \in RM : ~(rmState[r] = "committed" /\ rmState[s] = "aborted")

(* Validity: the transaction commits only if every resource manager voted  *)
(* yes.                                                                    *)
Validity ==
    \A r \in RM : rmState[r] = "committed" => \A s \in RM : [type |-> "Prepared", rm |-> s] \in msgs

(* A decision is final.                                                    *)
Integrity == [][\A r \in RM : rmState[r] \in Decided => rmState'[r] = rmState[r]]_vars

(* Liveness.  Termination: every resource manager eventually decides.      *)
Termination == <>(\A r \in RM : rmState[r] \in Decided)
=============================================================================
