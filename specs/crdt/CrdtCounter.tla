----------------------------- MODULE CrdtCounter -----------------------------
(***************************************************************************)
(* An operation-based counter CRDT over causal broadcast (Shapiro et al.,  *)
(* "Conflict-free replicated data types", 2011; Kleppmann's Cambridge      *)
(* notes).                                                                 *)
(*                                                                         *)
(* Every node holds a replica of a counter.  A node increments or          *)
(* decrements its replica at once and broadcasts the operation; the other  *)
(* nodes apply it when causal broadcast delivers it.  Additions commute,   *)
(* so replicas that delivered the same operations hold the same value, in  *)
(* whatever order they delivered them: strong eventual consistency.        *)
(*                                                                         *)
(* Causal broadcast is abstract here: an update carries the ids of the     *)
(* updates its sender had delivered, and a node delivers it once it has    *)
(* delivered those (the causal broadcast spec shows how vector clocks do   *)
(* that).  Updates are never lost; nodes do not crash (a partition that    *)
(* heals is a delay).                                                      *)
(*                                                                         *)
(* BUG seeds a mistake: "non-commutative-merge" ships the sender's new     *)
(* value instead of the operation and assigns it on delivery, so the       *)
(* order of delivery decides the result.                                   *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Node,           \* the replicas
    MaxOps,         \* how many operations all nodes together may make
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ MaxOps \in Nat
       /\ BUG \in {"none", "non-commutative-merge"}

Id == Node \X (1..MaxOps)

Update == [id : Id, deps : SUBSET Id, delta : {-1, 1}, val : -MaxOps..MaxOps]

VARIABLES
    value,          \* value[p]: p's replica of the counter
    delivered,      \* delivered[p]: the ids of the updates p has applied (its own included)
    updates         \* every update broadcast so far

vars == <<value, delivered, updates>>

TypeOK ==
    /\ value \in [Node -> -MaxOps..MaxOps]
    /\ delivered \in [Node -> SUBSET Id]
    /\ updates \subseteq Update

Init ==
    /\ value = [p \in Node |-> 0]
    /\ delivered = [p \in Node |-> {}]
    /\ updates = {}

(* The update node p makes when it adds delta to its replica: its id, what *)
(* p had delivered, the step, and the value p reaches by it.               *)
NewUpdate(p, delta) ==
    [id |-> <<p, Cardinality({u \in updates : u.id[1] = p}) + 1>>,
     deps |-> delivered[p], delta |-> delta, val |-> value[p] + delta]

(* Node p has made update u and broadcasts it (p has delivered it).        *)
Broadcast(p, u) ==
    /\ updates' = updates \cup {u}
    /\ delivered' = [delivered EXCEPT ![p] = @ \cup {u.id}]

(* Node p adds one to its replica and broadcasts the operation.            *)
Increment(p) ==
    /\ Cardinality(updates) < MaxOps
    /\ value' = [value EXCEPT ![p] = @ + 1]
    /\ Broadcast(p, NewUpdate(p, 1))

(* Node p subtracts one from its replica and broadcasts the operation.     *)
Decrement(p) ==
    /\ Cardinality(updates) < MaxOps
    /\ value' = [value EXCEPT ![p] = @ - 1]
    /\ Broadcast(p, NewUpdate(p, -1))

(* Causal broadcast delivers update u to node p, which applies it.         *)
Deliver(p, u) ==
    /\ u \in updates
    /\ u.id \notin delivered[p]
    /\ u.deps \subseteq delivered[p]
    /\ delivered' = [delivered EXCEPT ![p] = @ \cup {u.id}]
    /\ value' = [value EXCEPT ![p] = IF BUG = "non-commutative-merge" THEN u.val ELSE @ + u.delta]
    /\ UNCHANGED updates

Next ==
    \/ \E p \in Node : Increment(p) \/ Decrement(p)
    \/ \E p \in Node : \E u \in updates : Deliver(p, u)

(* Causal broadcast delivers every update everywhere.                      *)
Fairness == \A p \in Node : WF_vars(\E u \in updates : Deliver(p, u))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Strong eventual consistency, safety half: replicas that delivered the   *)
(* same updates are equal.                                                 *)
StrongConvergence == \A p, q \in Node : delivered[p] = delivered[q] => value[p] = value[q]

(* What a replica holds: the sum of the operations it delivered.           *)
CounterValue ==
    \A p \in Node :
        value[p] = Cardinality({u \in updates : u.id \in delivered[p] /\ u.delta = 1})
                 - Cardinality({u \in updates : u.id \in delivered[p] /\ u.delta = -1})

(* Strong eventual consistency, liveness half: replicas converge.          *)
Convergence == <>[](\A p, q \in Node : value[p] = value[q])
=============================================================================
