----------------------------- MODULE PlainZWords -----------------------------
(* ZWords with the lengths bounded in the module itself (0 .. 2).          *)
LOCAL INSTANCE Naturals

Words(S) == UNION {[0 .. (n - 1) -> S] : n \in 0 .. 2}
Size(w) == IF w = <<>> THEN 0 ELSE 1 + CHOOSE i \in DOMAIN w : i + 1 \notin DOMAIN w
Shift(w) == IF w = <<>> THEN w ELSE [i \in DOMAIN w |-> w[(i + 1) % Size(w)]]
=============================================================================
