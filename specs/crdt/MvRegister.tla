------------------------------ MODULE MvRegister ------------------------------
(***************************************************************************)
(* The multi-value register, a state-based CRDT (Shapiro et al. 2011; the  *)
(* register of Amazon's Dynamo and of Riak).                                *)
(*                                                                         *)
(* A replica holds the values of the latest writes it knows of, each with  *)
(* the version vector of its write, and a context: the version vector of   *)
(* every write it has seen (so context[p][q] counts q's writes p knows).   *)
(* A write replaces every value the writer has seen.  Writes that did not  *)
(* see each other are concurrent, and a replica that learns of both keeps  *)
(* both values until a later write supersedes them.                        *)
(*                                                                         *)
(* Replicas exchange full states, not operations: a replica whose state    *)
(* changed publishes it (gossips it to the others), and a replica merges a *)
(* published state into its own by the join of the semilattice: the       *)
(* entries of either side that no entry of the other side supersedes, and  *)
(* the pointwise maximum of the contexts.  The join is commutative,        *)
(* associative and idempotent, so states may arrive in any order, any      *)
(* number of times.  A published state may be merged by any replica, any  *)
(* time: msgs is every state ever published.                               *)
(*                                                                         *)
(* BUG seeds a mistake: "non-idempotent-merge" drops an entry that an      *)
(* entry of the other side supersedes or EQUALS (<= where < belongs), so  *)
(* merging a state that shares an entry with one's own loses that entry:  *)
(* merging one's own state empties the register.                          *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Node,           \* the replicas
    Value,          \* the values that may be written
    MaxWrites,      \* how many writes all nodes together may make
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ MaxWrites \in Nat
       /\ BUG \in {"none", "non-idempotent-merge"}

Clock == [Node -> 0..MaxWrites]

Entry == [val : Value, vv : Clock]

VARIABLES
    entries,        \* entries[p]: the values p holds, each with its write's version vector
    context,        \* context[p]: the version vector of the writes p has seen
    msgs,           \* every state published so far: [entries, context]
    writes          \* every write made so far, as the entry it made (history)

vars == <<entries, context, msgs, writes>>

TypeOK ==
    /\ \A p \in Node : \A e \in entries[p] : e \in Entry
    /\ context \in [Node -> Clock]
    /\ \A m \in msgs : m.context \in Clock /\ \A e \in m.entries : e \in Entry
    /\ \A w \in writes : w \in Entry

Zero == [q \in Node |-> 0]

Init ==
    /\ entries = [p \in Node |-> {}]
    /\ context = [p \in Node |-> Zero]
    /\ msgs = {}
    /\ writes = {}

(* Version vector a is below b: b has seen every write a has seen.         *)
Below(a, b) == \A q \in Node : a[q] <= b[q]

(* Write a superseded write b: it had seen b and more.                     *)
Superseded(a, b) == Below(a, b) /\ a # b

Max(a, b) == IF a >= b THEN a ELSE b

(* The join of two sets of entries: what no entry of the other side        *)
(* supersedes (the bug: supersedes or equals).                             *)
Dropped(x, other) ==
    \E y \in other : IF BUG = "non-idempotent-merge" THEN Below(x.vv, y.vv) ELSE Superseded(x.vv, y.vv)

Join(a, b) == {x \in a : ~Dropped(x, b)} \cup {y \in b : ~Dropped(y, a)}

(* Node p publishes its new state (sends it to every other node).          *)
Publish(e, c) == msgs' = msgs \cup {[entries |-> e, context |-> c]}

(* Node p writes value v: one entry, whose version vector counts the write *)
(* on top of everything p has seen.                                        *)
Write(p, v) ==
    /\ Cardinality(writes) < MaxWrites
    /\ LET vv == [context[p] EXCEPT ![p] = @ + 1]
       IN  /\ entries' = [entries EXCEPT ![p] = {[val |-> v, vv |-> vv]}]
           /\ context' = [context EXCEPT ![p] = vv]
           /\ writes' = writes \cup {[val |-> v, vv |-> vv]}
           /\ Publish({[val |-> v, vv |-> vv]}, vv)

(* Node p merges a published state m into its own, and publishes the      *)
(* result if its state changed.                                            *)
Merge(p, m) ==
    /\ m \in msgs
    /\ LET e == Join(entries[p], m.entries)
           c == [q \in Node |-> Max(context[p][q], m.context[q])]
       IN  /\ entries' = [entries EXCEPT ![p] = e]
           /\ context' = [context EXCEPT ![p] = c]
           /\ IF e = entries[p] /\ c = context[p] THEN UNCHANGED msgs ELSE Publish(e, c)
    /\ UNCHANGED writes

Next ==
    \/ \E p \in Node, v \in Value : Write(p, v)
    \/ \E p \in Node : \E m \in msgs : Merge(p, m)

(* Every replica keeps merging what is published.                          *)
Fairness == \A p \in Node : WF_vars(\E m \in msgs : Merge(p, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Strong eventual consistency, safety half: replicas that have seen the   *)
(* same writes hold the same values.                                       *)
StrongConvergence == \A p, q \in Node : context[p] = context[q] => entries[p] = entries[q]

(* Multi-value semantics: a replica holds exactly the writes it has seen   *)
(* that no write it has seen supersedes.                                   *)
RegisterValue ==
    \A p \in Node :
        LET seen == {w \in writes : Below(w.vv, context[p])}
        IN  entries[p] = {w \in seen : ~\E x \in seen : Superseded(w.vv, x.vv)}

(* Strong eventual consistency, liveness half: replicas converge.          *)
Convergence == <>[](\A p, q \in Node : entries[p] = entries[q] /\ context[p] = context[q])
===============================================================================
