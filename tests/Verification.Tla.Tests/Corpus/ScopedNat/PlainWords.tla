------------------------------ MODULE PlainWords ------------------------------
(* MCWords over PlainZWords, with no override.                          *)
EXTENDS Naturals, PlainZWords

CONSTANT MaxLen
ASSUME MaxLen \in Nat

SmallNat == 0 .. MaxLen

VARIABLE w
Init == w \in Words({0, 1})
Next == w' = Shift(w)
Short == Size(w) <= MaxLen
=============================================================================
