-------------------------- MODULE PlainTokenPassing --------------------------
(* TokenPassing without the hidden counter: the state space the VIEW leaves. *)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS Node
VARIABLES holder, visited
Init == holder \in Node /\ visited = {holder}
Next == \E n \in Node : /\ n # holder
                        /\ holder' = n
                        /\ visited' = visited \cup {n}
Perms == Permutations(Node)
TypeOK == holder \in Node /\ visited \subseteq Node
=============================================================================
