------------------------------- MODULE MCWords -------------------------------
(* Words over {0, 1} of length at most MaxLen, rotated; the model bounds    *)
(* ZWords' Nat with "Nat <- [ZWords]SmallNat" in the cfg.                   *)
EXTENDS Naturals, ZWords

CONSTANT MaxLen
ASSUME MaxLen \in Nat

SmallNat == 0 .. MaxLen

VARIABLE w
Init == w \in Words({0, 1})
Next == w' = Shift(w)
Short == Size(w) <= MaxLen
=============================================================================
