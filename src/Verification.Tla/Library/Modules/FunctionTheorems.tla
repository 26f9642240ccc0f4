---- MODULE FunctionTheorems ----
(* A proof library module: its theorems only matter to the prover, so for  *)
(* a model checker it is what it EXTENDS. Written for this project.        *)
EXTENDS Functions
====
