------------------------- MODULE DistributedCounter -------------------------
(* Nodes count locally; the sum of their counts refines Counter. Written as  *)
(* published specs write it: the sum is a recursive function defined in LET, *)
(* the refinement is PROPERTY AbsSpec with AbsSpec == Abs!Spec, and one      *)
(* invariant names a conjunct of another by its position (Inv!2).           *)
EXTENDS Naturals, Sequences
CONSTANTS Node, Max, Order, Buggy
VARIABLE count
Total == LET sum[i \in 0..Len(Order)] ==
               IF i = 0 THEN 0 ELSE sum[i - 1] + count[Order[i]]
         IN sum[Len(Order)]

Init == count = [n \in Node |-> 0]
Inc(n) == /\ count[n] < Max
          /\ count' = [count EXCEPT ![n] = @ + 1]
\* A mistake a refinement check must catch: two at once.
Leap(n) == /\ Buggy
           /\ count[n] + 2 <= Max
           /\ count' = [count EXCEPT ![n] = @ + 2]
Next == \E n \in Node : Inc(n) \/ Leap(n)
Spec == Init /\ [][Next]_count

Abs == INSTANCE Counter WITH total <- Total
AbsSpec == Abs!Spec

Inv == /\ count \in [Node -> 0..Max]
       /\ Total <= Max * Len(Order)
Bounded == Inv!2
=============================================================================
