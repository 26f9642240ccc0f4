--------------------------- MODULE LeaderRotation ---------------------------
(* The rounds instantiated with an operator for the operator constant, and   *)
(* the cfg's sizes: INSTANCE ... WITH Leader <- RoundRobin, and a LAMBDA.    *)
EXTENDS Naturals, FiniteSets, Sequences
CONSTANTS Node, MaxRound, Ring
VARIABLES round, proposed
RoundRobin(r) == Ring[((r - 1) % Len(Ring)) + 1]
R == INSTANCE Rounds WITH Leader <- RoundRobin
Init == R!Init
Next == R!Next
Inv == R!OneProposalPerRound
\* The same leaders given as a LAMBDA through a second instance.
L == INSTANCE Rounds WITH Leader <- LAMBDA r : Ring[((r - 1) % Len(Ring)) + 1]
SameLeaders == \A r \in 1..MaxRound : L!Leader(r) = R!Leader(r)
=============================================================================
