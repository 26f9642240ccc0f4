------------------------------ MODULE Relation ------------------------------
(* The community module Relation, written for this project from its         *)
(* documentation: a relation R on S is a function from S \X S to BOOLEAN.   *)
EXTENDS Naturals, FiniteSets

LOCAL AsRelation(op(_, _), S) == [p \in S \X S |-> op(p[1], p[2])]

IsReflexive(R, S) == \A x \in S : R[x, x]
IsReflexiveUnder(op(_, _), S) == IsReflexive(AsRelation(op, S), S)

IsIrreflexive(R, S) == \A x \in S : ~R[x, x]
IsIrreflexiveUnder(op(_, _), S) == IsIrreflexive(AsRelation(op, S), S)

IsSymmetric(R, S) == \A x, y \in S : R[x, y] <=> R[y, x]
IsSymmetricUnder(op(_, _), S) == IsSymmetric(AsRelation(op, S), S)

IsAntiSymmetric(R, S) == \A x, y \in S : R[x, y] /\ R[y, x] => x = y
IsAntiSymmetricUnder(op(_, _), S) == IsAntiSymmetric(AsRelation(op, S), S)

IsAsymmetric(R, S) == \A x, y \in S : ~(R[x, y] /\ R[y, x])
IsAsymmetricUnder(op(_, _), S) == IsAsymmetric(AsRelation(op, S), S)

IsTransitive(R, S) == \A x, y, z \in S : R[x, y] /\ R[y, z] => R[x, z]
IsTransitiveUnder(op(_, _), S) == IsTransitive(AsRelation(op, S), S)

IsStrictlyPartiallyOrdered(R, S) == IsIrreflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)
IsStrictlyPartiallyOrderedUnder(op(_, _), S) == IsStrictlyPartiallyOrdered(AsRelation(op, S), S)

IsPartiallyOrdered(R, S) == IsReflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)
IsPartiallyOrderedUnder(op(_, _), S) == IsPartiallyOrdered(AsRelation(op, S), S)

IsStrictlyTotallyOrdered(R, S) ==
  IsStrictlyPartiallyOrdered(R, S) /\ \A x, y \in S : x # y => R[x, y] \/ R[y, x]
IsStrictlyTotallyOrderedUnder(op(_, _), S) == IsStrictlyTotallyOrdered(AsRelation(op, S), S)

IsTotallyOrdered(R, S) == IsPartiallyOrdered(R, S) /\ \A x, y \in S : R[x, y] \/ R[y, x]
IsTotallyOrderedUnder(op(_, _), S) == IsTotallyOrdered(AsRelation(op, S), S)

\* Pairs joined by a path of at most 2^n steps.
RECURSIVE ClosureAfter(_, _, _)
LOCAL ClosureAfter(R, S, n) ==
  IF n = 0 THEN [x, y \in S |-> R[x, y]]
  ELSE LET before == ClosureAfter(R, S, n - 1)
       IN  [x, y \in S |-> before[x, y] \/ \E z \in S : before[x, z] /\ before[z, y]]

TransitiveClosure(R, S) == ClosureAfter(R, S, Cardinality(S))

ReflexiveTransitiveClosure(R, S) ==
  LET closure == TransitiveClosure(R, S)
  IN  [x, y \in S |-> x = y \/ closure[x, y]]

IsConnected(R, S) ==
  LET closure == ReflexiveTransitiveClosure(R, S)
  IN  \A x, y \in S : closure[x, y]
=============================================================================
