------------------------- MODULE PlainLeaderRotation -------------------------
EXTENDS Naturals, FiniteSets, Sequences
CONSTANTS Node, MaxRound, Ring
VARIABLES round, proposed
Leader(r) == Ring[((r - 1) % Len(Ring)) + 1]
Init == round = 1 /\ proposed = {}
Next == \/ /\ Leader(round) \notin {p[1] : p \in proposed}
           /\ proposed' = proposed \cup {<<Leader(round), round>>}
           /\ UNCHANGED round
        \/ \E n \in Node : /\ round < MaxRound
                           /\ \E p \in proposed : p[2] = round
                           /\ round' = round + 1
                           /\ UNCHANGED proposed
Inv == \A p, q \in proposed : p[2] = q[2] => p = q
SameLeaders == TRUE
=============================================================================
