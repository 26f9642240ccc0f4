-------------------------- MODULE FifoBroadcastRounds --------------------------
(***************************************************************************)
(* FifoBroadcast made endless for the validation benchmarks: once every    *)
(* message is broadcast and every queued or in-flight copy is gone, the    *)
(* processes start a new round from the initial state.  A random walk of   *)
(* the CI model then never deadlocks, so a trace can have any length while *)
(* its states stay the size of the CI model's.                             *)
(***************************************************************************)
EXTENDS FifoBroadcast

NewRound ==
    /\ Cardinality(Broadcasted) = MaxBroadcasts
    /\ \A p \in Node : outbox[p] = {}
    /\ network = {}
    /\ sent' = [p \in Node |-> 0]
    /\ outbox' = [p \in Node |-> {}]
    /\ delivered' = [p \in Node |-> <<>>]
    /\ buffer' = [p \in Node |-> {}]
    /\ crashed' = {}
    /\ UNCHANGED network

RoundsNext == Next \/ NewRound
=============================================================================
