---------------------------- MODULE MCPairCounter ----------------------------
(* Two counters that only grow; the model keeps them small by composing an  *)
(* increment with a reduction that subtracts their minimum (A \cdot B, the  *)
(* way published specs check monotonic systems with finitely many states).  *)
(* TLC enumerates every intermediate state of the composition and counts    *)
(* each among the states generated; ENABLED of the composition drives the   *)
(* fairness.                                                                *)
EXTENDS Naturals, TLC

ASSUME TLCGet("-Dtlc2.tool.impl.Tool.cdot") = "true"

VARIABLES a, b
vars == <<a, b>>

Init == a = 0 /\ b = 0
IncA == a' = a + 1 /\ UNCHANGED b
IncB == b' = b + 1 /\ UNCHANGED a
Reduce == LET m == IF a < b THEN a ELSE b IN
          /\ a' = a - m
          /\ b' = b - m

Next == \/ IncA
        \/ IncB
        \/ IncA \cdot Reduce
        \/ IncB \cdot Reduce

Spec == Init /\ [][Next]_vars /\ WF_vars(IncA \cdot Reduce)
Unfair == Init /\ [][Next]_vars

Constraint == a <= 2 /\ b <= 2
TypeOK == a \in 0 .. 3 /\ b \in 0 .. 3
OftenReduced == []<>(a * b = 0)
=============================================================================
