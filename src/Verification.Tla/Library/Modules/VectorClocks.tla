----------------------------- MODULE VectorClocks ---------------------------
(* The community module VectorClocks, written for this project from its     *)
(* documentation. TLC replaces CausalOrder by a Java sort whose choice of   *)
(* order this checker does not reproduce: evaluating it is an error here.   *)
EXTENDS Naturals, Sequences, Functions

LOCAL Concurrent(v1, v2) == \E i, j \in DOMAIN v1 : i # j /\ v1[i] < v2[i] /\ v1[j] > v2[j]

LOCAL HappenedBefore(v1, v2) ==
  (\A i \in DOMAIN v1 : v1[i] <= v2[i]) /\ \E i \in DOMAIN v1 : v1[i] < v2[i]

IsCausalOrder(log, clock(_)) ==
  \A i \in 1 .. Len(log) : \A j \in 1 .. i - 1 :
     LET D == DOMAIN clock(log[i]) \cup DOMAIN clock(log[j])
         Filled(c) == [d \in D |-> IF d \in DOMAIN c THEN c[d] ELSE 0]
     IN  HappenedBefore(Filled(clock(log[j])), Filled(clock(log[i])))
         \/ Concurrent(Filled(clock(log[j])), Filled(clock(log[i])))

CausalOrder(log, clock(_), node(_), domain(_)) ==
  CHOOSE ordered \in {f \in [1 .. Len(log) -> Range(log)] : Range(f) = Range(log)} :
     IsCausalOrder(ordered, clock)
=============================================================================
