---------------------------- MODULE PlainKvStore ----------------------------
(* KvStore with the wrapper's choices written in: NoVal a constant, the bound *)
(* a number.                                                                  *)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS Key, Val, Client, NoVal
VARIABLES store, cache, writes
Init == /\ store = [k \in Key |-> NoVal]
        /\ cache = [c \in Client |-> [k \in Key |-> NoVal]]
        /\ writes = 0
Next == \E c \in Client, k \in Key :
          \/ \E v \in Val : /\ writes < 2
                            /\ store' = [store EXCEPT ![k] = v]
                            /\ cache' = [cache EXCEPT ![c][k] = v]
                            /\ writes' = writes + 1
          \/ /\ cache[c][k] # store[k]
             /\ cache' = [cache EXCEPT ![c][k] = store[k]]
             /\ UNCHANGED <<store, writes>>
          \/ /\ cache[c][k] # NoVal
             /\ cache' = [cache EXCEPT ![c][k] = NoVal]
             /\ UNCHANGED <<store, writes>>
TypeOK == /\ store \in [Key -> Val \cup {NoVal}]
          /\ cache \in [Client -> [Key -> Val \cup {NoVal}]]
          /\ writes \in 0..2
CacheFromStore == \A c \in Client, k \in Key : cache[c][k] \in Val \cup {NoVal}
ClientSymmetry == Permutations(Client)
=============================================================================
