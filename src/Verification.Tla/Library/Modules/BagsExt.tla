------------------------------- MODULE BagsExt ------------------------------
(* The community module BagsExt, written for this project from its          *)
(* documentation. FoldBag is replaced by native code as TLC replaces it.    *)
LOCAL INSTANCE Bags
LOCAL INSTANCE Integers
LOCAL INSTANCE Folds

BagAdd(B, x) ==
  IF x \in DOMAIN B
  THEN [e \in DOMAIN B |-> IF e = x THEN B[e] + 1 ELSE B[e]]
  ELSE [e \in DOMAIN B \cup {x} |-> IF e = x THEN 1 ELSE B[e]]

BagRemove(B, x) ==
  IF x \notin DOMAIN B THEN B
  ELSE IF B[x] = 1 THEN [e \in DOMAIN B \ {x} |-> B[e]]
  ELSE [e \in DOMAIN B |-> IF e = x THEN B[e] - 1 ELSE B[e]]

BagRemoveAll(B, x) == [e \in DOMAIN B \ {x} |-> B[e]]

\* op(...op(op(base, y), y)..., y) with n copies of y.
RECURSIVE Repeated(_, _, _, _)
LOCAL Repeated(op(_, _), base, y, n) == op(IF n = 1 THEN base ELSE Repeated(op, base, y, n - 1), y)

MapThenFoldBag(op(_, _), base, f(_), choose(_), B) ==
  MapThenFoldSet(op, base, LAMBDA x : Repeated(op, base, f(x), B[x]), LAMBDA S : CHOOSE x \in S : TRUE, DOMAIN B)

FoldBag(op(_, _), base, B) ==
  MapThenFoldBag(op, base, LAMBDA x : x, LAMBDA S : CHOOSE x \in S : TRUE, B)

SumBag(B) == FoldBag(LAMBDA a, b : a + b, 0, B)

ProductBag(B) == FoldBag(LAMBDA a, b : a * b, 1, B)
=============================================================================
