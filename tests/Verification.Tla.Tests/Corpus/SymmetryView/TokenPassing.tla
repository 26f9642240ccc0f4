---------------------------- MODULE TokenPassing ----------------------------
(* A token passed among symmetric nodes, with a step counter that the model  *)
(* hides behind a VIEW; the cfg gives SYMMETRY and VIEW together, which TLC *)
(* applies both.                                                             *)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS Node
VARIABLES holder, visited, steps
Init == holder \in Node /\ visited = {holder} /\ steps = 0
Pass(n) == /\ n # holder
           /\ holder' = n
           /\ visited' = visited \cup {n}
           /\ steps' = steps + 1
Next == \E n \in Node : Pass(n)
View == <<holder, visited>>
Perms == Permutations(Node)
TypeOK == holder \in Node /\ visited \subseteq Node /\ steps \in Nat
=============================================================================
