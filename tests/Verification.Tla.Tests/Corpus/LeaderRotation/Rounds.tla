------------------------------- MODULE Rounds -------------------------------
(* Rounds with a leader chosen by an operator constant, as DAG-based and     *)
(* rotating-leader consensus specs declare it: CONSTANT Leader(_).           *)
EXTENDS Naturals, FiniteSets
CONSTANTS Node, MaxRound, Leader(_)
VARIABLES round, proposed
Init == round = 1 /\ proposed = {}
Propose == /\ Leader(round) \notin {p[1] : p \in proposed}
           /\ proposed' = proposed \cup {<<Leader(round), round>>}
           /\ UNCHANGED round
Advance(n) == /\ round < MaxRound
              /\ \E p \in proposed : p[2] = round
              /\ round' = round + 1
              /\ UNCHANGED proposed
Next == Propose \/ \E n \in Node : Advance(n)
OneProposalPerRound == \A p, q \in proposed : p[2] = q[2] => p = q
=============================================================================
