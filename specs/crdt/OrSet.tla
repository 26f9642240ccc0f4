-------------------------------- MODULE OrSet --------------------------------
(***************************************************************************)
(* The observed-remove set (OR-set), an operation-based CRDT over causal   *)
(* broadcast (Shapiro et al. 2011; Kleppmann's Cambridge notes).           *)
(*                                                                         *)
(* Adding an element tags it with the add's unique id; removing it removes *)
(* the tags the remover has observed, and only those.  An add concurrent   *)
(* with a remove has a tag the remover did not see, so the element stays:  *)
(* add wins.  Every replica ends up with the same tags whatever the order  *)
(* of concurrent operations, and causal delivery makes a remove arrive     *)
(* after the adds it observed.                                             *)
(*                                                                         *)
(* Causal broadcast is abstract, as in CrdtCounter: an update carries the  *)
(* ids of the updates its sender had delivered and is delivered after      *)
(* them.  Updates are never lost; nodes do not crash.                      *)
(*                                                                         *)
(* BUG seeds a mistake: "remove-wins" removes every tag of the element on  *)
(* delivery, not only the observed ones.  An add concurrent with the       *)
(* remove is then lost where the remove is applied after it and kept where *)
(* it is applied after the remove: the replicas differ.                    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Node,           \* the replicas
    Element,        \* the elements that may be added and removed
    MaxOps,         \* how many operations all nodes together may make
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ MaxOps \in Nat
       /\ BUG \in {"none", "remove-wins"}

Id == Node \X (1..MaxOps)

(* An element with the id of the add that put it in: a tag.                *)
Tagged == Element \X Id

AddUpdate == [id : Id, deps : SUBSET Id, op : {"add"}, elem : Element]

RemoveUpdate == [id : Id, deps : SUBSET Id, op : {"remove"}, elem : Element, tags : SUBSET Id]

VARIABLES
    elems,          \* elems[p]: the tagged elements in p's replica
    delivered,      \* delivered[p]: the ids of the updates p has applied (its own included)
    updates         \* every update broadcast so far

vars == <<elems, delivered, updates>>

TypeOK ==
    /\ elems \in [Node -> SUBSET Tagged]
    /\ delivered \in [Node -> SUBSET Id]
    \* Not updates \subseteq AddUpdate \cup RemoveUpdate: our checker builds that union
    \* (2.4 million records) instead of testing membership in each part as TLC does.
    /\ \A u \in updates : u \in AddUpdate \/ u \in RemoveUpdate

Init ==
    /\ elems = [p \in Node |-> {}]
    /\ delivered = [p \in Node |-> {}]
    /\ updates = {}

(* The elements of p's replica, as a user of the set sees them.            *)
Lookup(p) == {t[1] : t \in elems[p]}

NextId(p) == <<p, Cardinality({u \in updates : u.id[1] = p}) + 1>>

(* Applying an update to a set of tagged elements.                         *)
Effect(u, s) ==
    IF u.op = "add" THEN s \cup {<<u.elem, u.id>>}
    ELSE IF BUG = "remove-wins" THEN {t \in s : t[1] # u.elem}
    ELSE s \ {<<u.elem, i>> : i \in u.tags}

(* Node p has made update u and broadcasts it (p has delivered it).        *)
Broadcast(p, u) ==
    /\ Cardinality(updates) < MaxOps
    /\ updates' = updates \cup {u}
    /\ delivered' = [delivered EXCEPT ![p] = @ \cup {u.id}]

(* Node p adds element e.                                                  *)
Add(p, e) ==
    LET u == [id |-> NextId(p), deps |-> delivered[p], op |-> "add", elem |-> e]
    IN  /\ elems' = [elems EXCEPT ![p] = Effect(u, @)]
        /\ Broadcast(p, u)

(* Node p removes element e: the tags of e it has observed.                *)
Remove(p, e) ==
    LET u == [id |-> NextId(p), deps |-> delivered[p], op |-> "remove", elem |-> e,
              tags |-> {t[2] : t \in {x \in elems[p] : x[1] = e}}]
    IN  /\ e \in Lookup(p)
        /\ elems' = [elems EXCEPT ![p] = Effect(u, @)]
        /\ Broadcast(p, u)

(* Causal broadcast delivers update u to node p, which applies it.         *)
Deliver(p, u) ==
    /\ u \in updates
    /\ u.id \notin delivered[p]
    /\ u.deps \subseteq delivered[p]
    /\ delivered' = [delivered EXCEPT ![p] = @ \cup {u.id}]
    /\ elems' = [elems EXCEPT ![p] = Effect(u, @)]
    /\ UNCHANGED updates

Next ==
    \/ \E p \in Node, e \in Element : Add(p, e) \/ Remove(p, e)
    \/ \E p \in Node : \E u \in updates : Deliver(p, u)

(* Causal broadcast delivers every update everywhere.                      *)
Fairness == \A p \in Node : WF_vars(\E u \in updates : Deliver(p, u))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Strong eventual consistency, safety half: replicas that delivered the   *)
(* same updates hold the same set.                                         *)
StrongConvergence == \A p, q \in Node : delivered[p] = delivered[q] => elems[p] = elems[q]

(* Observed-remove semantics: a replica holds exactly the tags of the adds *)
(* it delivered that no remove it delivered had observed.                  *)
ObservedRemove ==
    \A p \in Node :
        LET mine    == {u \in updates : u.id \in delivered[p]}
            added   == {<<u.elem, u.id>> : u \in {a \in mine : a.op = "add"}}
            removed == UNION {{<<u.elem, i>> : i \in u.tags} : u \in {r \in mine : r.op = "remove"}}
        IN  elems[p] = added \ removed

(* Strong eventual consistency, liveness half: replicas converge.          *)
Convergence == <>[](\A p, q \in Node : elems[p] = elems[q])
=============================================================================
