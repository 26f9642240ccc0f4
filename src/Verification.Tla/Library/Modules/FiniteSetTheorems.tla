-------------------------- MODULE FiniteSetTheorems -------------------------
(* The definitions of the proof library's finite-set theorems module (the   *)
(* theorems only matter to the prover). Written for this project.           *)
EXTENDS FiniteSets, Integers, Functions, WellFoundedInduction

FiniteSubsetsOf(S) == {T \in SUBSET S : IsFiniteSet(T)}

StrictSubsetOrdering(S) == {p \in (SUBSET S) \X (SUBSET S) : p[1] \subseteq p[2] /\ p[1] # p[2]}
=============================================================================
