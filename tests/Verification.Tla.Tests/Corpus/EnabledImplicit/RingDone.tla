------------------------------ MODULE RingDone ------------------------------
(* The abstract spec for TokenDone: nodes finish their work, and once all  *)
(* are idle the termination is detected; WF on Detect makes it happen.     *)
EXTENDS Naturals

CONSTANT N
VARIABLES busy, detected

Nodes == 1 .. N
Terminated == \A n \in Nodes : ~busy[n]

Init == busy \in [Nodes -> BOOLEAN] /\ detected = FALSE
Finish(n) == busy[n] /\ busy' = [busy EXCEPT ![n] = FALSE] /\ UNCHANGED detected
Detect == Terminated /\ ~detected /\ detected' = TRUE /\ UNCHANGED busy
Next == (\E n \in Nodes : Finish(n)) \/ Detect

vars == <<busy, detected>>
Spec == Init /\ [][Next]_vars /\ WF_vars(Detect)
=============================================================================
