------------------------------ MODULE PlainJugs ------------------------------
EXTENDS Naturals
CONSTANTS Goal
VARIABLE contents
Jug == {"j1", "j2"}
Capacity == [j \in Jug |-> IF j = "j1" THEN 3 ELSE 5]
Min(m, n) == IF m < n THEN m ELSE n
TypeOK == \A j \in Jug : contents[j] >= 0
Init == contents = [j \in Jug |-> 0]
Next == \E j \in Jug : \/ contents' = [contents EXCEPT ![j] = Capacity[j]]
                       \/ contents' = [contents EXCEPT ![j] = 0]
                       \/ \E k \in Jug \ {j} :
                            LET amount == Min(contents[j], Capacity[k] - contents[k])
                            IN contents' = [contents EXCEPT ![j] = @ - amount, ![k] = @ + amount]
NotSolved == \A j \in Jug : contents[j] # Goal
=============================================================================
