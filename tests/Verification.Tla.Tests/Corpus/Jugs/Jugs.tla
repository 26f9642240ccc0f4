-------------------------------- MODULE Jugs --------------------------------
(* Die Hard with any number of jugs, as the textbook generalises it: the     *)
(* capacities are a constant function, typed by membership in infinite sets. *)
EXTENDS Naturals
CONSTANTS Jug, Capacity, Goal
ASSUME /\ Capacity \in [Jug -> {n \in Nat : n > 0}]
       /\ Goal \in Nat
VARIABLE contents
Min(m, n) == IF m < n THEN m ELSE n
TypeOK == contents \in [Jug -> Nat]
Init == contents = [j \in Jug |-> 0]
FillJug(j) == contents' = [contents EXCEPT ![j] = Capacity[j]]
EmptyJug(j) == contents' = [contents EXCEPT ![j] = 0]
JugToJug(j, k) ==
  LET amount == Min(contents[j], Capacity[k] - contents[k])
  IN contents' = [contents EXCEPT ![j] = @ - amount, ![k] = @ + amount]
Next == \E j \in Jug : \/ FillJug(j)
                       \/ EmptyJug(j)
                       \/ \E k \in Jug \ {j} : JugToJug(j, k)
NotSolved == \A j \in Jug : contents[j] # Goal
=============================================================================
