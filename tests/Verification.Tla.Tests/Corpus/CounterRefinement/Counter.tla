------------------------------ MODULE Counter ------------------------------
(* The abstract counter that the distributed counter refines.               *)
EXTENDS Naturals
VARIABLE total
Init == total = 0
Next == total' = total + 1
Spec == Init /\ [][Next]_total
=============================================================================
