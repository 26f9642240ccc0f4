----------------------- MODULE PlainDistributedCounter -----------------------
(* DistributedCounter with the sum written out and the refinement written as *)
(* the abstract spec's formula over Total.                                   *)
EXTENDS Naturals, Sequences
CONSTANTS Node, Max, Order, Buggy
VARIABLE count
Total == count[Order[1]] + count[Order[2]] + count[Order[3]]
Init == count = [n \in Node |-> 0]
Next == \E n \in Node :
          \/ /\ count[n] < Max
             /\ count' = [count EXCEPT ![n] = @ + 1]
          \/ /\ Buggy
             /\ count[n] + 2 <= Max
             /\ count' = [count EXCEPT ![n] = @ + 2]
Spec == Init /\ [][Next]_count
AbsSpec == Total = 0 /\ [][Total' = Total + 1]_Total
Bounded == Total <= Max * Len(Order)
=============================================================================
