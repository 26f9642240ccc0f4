--------------------------- MODULE TwoPhaseCommit ---------------------------
(***************************************************************************)
(* Two-phase commit: a transaction manager TM and a set RM of resource     *)
(* managers agree on whether a transaction commits.  An RM works on the    *)
(* transaction until it either gives up (aborts on its own) or prepares,  *)
(* telling the TM it can commit.  The TM commits once every RM has        *)
(* prepared, and may abort at any time before that; it tells every RM its *)
(* decision.  RMs crash and restart; what they have voted is on stable    *)
(* storage.                                                               *)
(*                                                                         *)
(* The message set only grows: a message once sent may be received any   *)
(* number of times, so losing, duplicating and reordering messages are    *)
(* all behaviours of this spec.                                           *)
(***************************************************************************)
CONSTANT RM     \* the resource managers

VARIABLES
    rmState,    \* rmState[r]: "working", "prepared", "committed" or "aborted"
    tmState,    \* the TM's decision: "init", "committed" or "aborted"
    tmPrepared, \* the RMs the TM has received a Prepared message from
    msgs        \* every message sent so far

vars == <<rmState, tmState, tmPrepared, msgs>>

Message ==
    [type : {"Prepared"}, rm : RM] \cup [type : {"Commit", "Abort"}]

TypeOK ==
    /\ rmState \in [RM -> {"working", "prepared", "committed", "aborted"}]
    /\ tmState \in {"init", "committed", "aborted"}
    /\ tmPrepared \subseteq RM
    /\ msgs \subseteq Message

Init ==
    /\ rmState = [r \in RM |-> "working"]
    /\ tmState = "init"
    /\ tmPrepared = {}
    /\ msgs = {}

-----------------------------------------------------------------------------
(***************************************************************************)
(* The transaction manager.                                                *)
(***************************************************************************)
TMRcvPrepared(r) ==
    /\ tmState = "init"
    /\ [type |-> "Prepared", rm |-> r] \in msgs
    /\ tmPrepared' = tmPrepared \cup {r}
    /\ UNCHANGED <<rmState, tmState, msgs>>

TMCommit ==
    /\ tmState = "init"
    /\ tmPrepared = RM
    /\ tmState' = "committed"
    /\ msgs' = msgs \cup {[type |-> "Commit"]}
    /\ UNCHANGED <<rmState, tmPrepared>>

TMAbort ==
    /\ tmState = "init"
    /\ tmState' = "aborted"
    /\ msgs' = msgs \cup {[type |-> "Abort"]}
    /\ UNCHANGED <<rmState, tmPrepared>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Resource manager r.                                                     *)
(***************************************************************************)
RMPrepare(r) ==
    /\ rmState[r] = "working"
    /\ rmState' = [rmState EXCEPT ![r] = "prepared"]
    /\ msgs' = msgs \cup {[type |-> "Prepared", rm |-> r]}
    /\ UNCHANGED <<tmState, tmPrepared>>

RMChooseToAbort(r) ==
    /\ rmState[r] = "working"
    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
    /\ UNCHANGED <<tmState, tmPrepared, msgs>>

RMRcvCommitMsg(r) ==
    /\ [type |-> "Commit"] \in msgs
    /\ rmState' = [rmState EXCEPT ![r] = "committed"]
    /\ UNCHANGED <<tmState, tmPrepared, msgs>>

RMRcvAbortMsg(r) ==
    /\ [type |-> "Abort"] \in msgs
    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
    /\ UNCHANGED <<tmState, tmPrepared, msgs>>

(***************************************************************************)
(* r crashes and restarts.  Its state is on stable storage, so it comes   *)
(* back exactly as it was: a prepared RM is still bound by its vote.      *)
(***************************************************************************)
Crash(r) ==
    UNCHANGED vars

Next ==
    \/ TMCommit \/ TMAbort
    \/ \E r \in RM :
        \/ TMRcvPrepared(r)
        \/ RMPrepare(r) \/ RMChooseToAbort(r)
        \/ RMRcvCommitMsg(r) \/ RMRcvAbortMsg(r)
        \/ Crash(r)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* No RM commits while another aborts.                                     *)
(***************************************************************************)
Consistent ==
    \A r1, r2 \in RM : ~ /\ rmState[r1] = "aborted"
                         /\ rmState[r2] = "committed"

(***************************************************************************)
(* An RM commits only if every RM voted to: the TM decided to commit only *)
(* after hearing Prepared from all of them.                               *)
(***************************************************************************)
CommitOnlyIfAllPrepared ==
    tmState = "committed" => tmPrepared = RM
=============================================================================
