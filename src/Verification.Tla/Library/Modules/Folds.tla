------------------------------- MODULE Folds --------------------------------
(* The community module Folds, written for this project from its            *)
(* documentation: MapThenFoldSet(op, base, f, choose, S) picks x ==         *)
(* choose(S) and yields op(f(x), the fold of S \ {x}); the fold of {} is    *)
(* base. TLC has no Java override for it, so this definition is what runs.  *)
RECURSIVE MapThenFoldSet(_, _, _, _, _)
MapThenFoldSet(op(_, _), base, f(_), choose(_), S) ==
  IF S = {} THEN base
  ELSE LET picked == choose(S)
       IN  op(f(picked), MapThenFoldSet(op, base, f, choose, S \ {picked}))
=============================================================================
