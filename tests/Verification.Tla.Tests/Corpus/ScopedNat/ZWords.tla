------------------------------- MODULE ZWords -------------------------------
(* Words indexed from 0, the way ZSequences-style helper modules write      *)
(* them: the set of all words draws lengths from Nat, which an unnamed      *)
(* LOCAL INSTANCE brings in. A model makes it finite with a module-scoped   *)
(* override "Nat <- [ZWords]SmallNat".                                      *)
LOCAL INSTANCE Naturals

Words(S) == UNION {[0 .. (n - 1) -> S] : n \in Nat}
Size(w) == IF w = <<>> THEN 0 ELSE 1 + CHOOSE i \in DOMAIN w : i + 1 \notin DOMAIN w
Shift(w) == IF w = <<>> THEN w ELSE [i \in DOMAIN w |-> w[(i + 1) % Size(w)]]
=============================================================================
