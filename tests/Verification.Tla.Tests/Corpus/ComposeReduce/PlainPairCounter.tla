--------------------------- MODULE PlainPairCounter ---------------------------
(* MCPairCounter with each composition written as one action, and a ghost   *)
(* variable whose states the constraint discards: they are generated (and   *)
(* counted) but never kept, as TLC counts the intermediate states of a      *)
(* composition A \cdot B.                                                   *)
EXTENDS Naturals

VARIABLES a, b, ghost
vars == <<a, b, ghost>>

Init == a = 0 /\ b = 0 /\ ghost = FALSE
IncA == a' = a + 1 /\ UNCHANGED <<b, ghost>>
IncB == b' = b + 1 /\ UNCHANGED <<a, ghost>>
Min(x, y) == IF x < y THEN x ELSE y
IncAReduced == /\ a' = a + 1 - Min(a + 1, b)
               /\ b' = b - Min(a + 1, b)
               /\ UNCHANGED ghost
IncBReduced == /\ a' = a - Min(a, b + 1)
               /\ b' = b + 1 - Min(a, b + 1)
               /\ UNCHANGED ghost
IncAHalfway == a' = a + 1 /\ b' = b /\ ghost' = TRUE
IncBHalfway == a' = a /\ b' = b + 1 /\ ghost' = TRUE

Next == \/ IncA
        \/ IncB
        \/ IncAHalfway
        \/ IncAReduced
        \/ IncBHalfway
        \/ IncBReduced

Spec == Init /\ [][Next]_vars /\ WF_vars(IncAReduced)
Unfair == Init /\ [][Next]_vars

Constraint == a <= 2 /\ b <= 2 /\ ~ghost
TypeOK == a \in 0 .. 3 /\ b \in 0 .. 3
OftenReduced == []<>(a * b = 0)
=============================================================================
