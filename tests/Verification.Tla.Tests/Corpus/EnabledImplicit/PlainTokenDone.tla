---------------------------- MODULE PlainTokenDone ----------------------------
(* TokenDone with the substitution written out (WITH detected <- pos = 0), *)
(* as the kit pins refinement through an instance with WITH.               *)
EXTENDS Naturals

CONSTANT N
VARIABLES busy, pos

Nodes == 1 .. N
Init == busy \in [Nodes -> BOOLEAN] /\ pos = N
Finish(n) == busy[n] /\ busy' = [busy EXCEPT ![n] = FALSE] /\ UNCHANGED pos
Pass == pos > 0 /\ ~busy[pos] /\ pos' = pos - 1 /\ UNCHANGED busy
Next == (\E n \in Nodes : Finish(n)) \/ Pass

cvars == <<busy, pos>>
Spec == Init /\ [][Next]_cvars /\ WF_cvars(Next)
Unfair == Init /\ [][Next]_cvars

Abs == INSTANCE RingDone WITH busy <- busy, detected <- (pos = 0)
AbsSpec == Abs!Spec
=============================================================================
