------------------------------ MODULE TokenDone ------------------------------
(* A token travels from node N down to 0, passing only idle nodes; the     *)
(* detection of RingDone is the token reaching 0.  The instance has no     *)
(* WITH: its variable `detected` stands for the definition of that name    *)
(* here, so ENABLED <<Detect>>_vars in RingDone's WF reads `detected'` as  *)
(* a free variable of the abstract state (TLC's semantics), not as the     *)
(* definition primed.                                                      *)
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

detected == pos = 0
Abs == INSTANCE RingDone
AbsSpec == Abs!Spec
=============================================================================
