------------------------------ MODULE KvStore ------------------------------
(* A replicated key-value cache written as published specs often are: NoVal *)
(* as an unbounded CHOOSE, a bound as a plain definition, and the model's     *)
(* sizes chosen by an MC wrapper and its cfg (overrides, a definition         *)
(* replaced by a model value, symmetry over clients).                         *)
EXTENDS Naturals, FiniteSets
CONSTANTS Key, Val, Client

NoVal == CHOOSE v : v \notin Val
MaxWrites == 5

VARIABLES store, cache, writes
vars == <<store, cache, writes>>

Init == /\ store = [k \in Key |-> NoVal]
        /\ cache = [c \in Client |-> [k \in Key |-> NoVal]]
        /\ writes = 0

Write(c, k, v) == /\ writes < MaxWrites
                  /\ store' = [store EXCEPT ![k] = v]
                  /\ cache' = [cache EXCEPT ![c][k] = v]
                  /\ writes' = writes + 1

Fetch(c, k) == /\ cache[c][k] # store[k]
               /\ cache' = [cache EXCEPT ![c][k] = store[k]]
               /\ UNCHANGED <<store, writes>>

Evict(c, k) == /\ cache[c][k] # NoVal
               /\ cache' = [cache EXCEPT ![c][k] = NoVal]
               /\ UNCHANGED <<store, writes>>

Next == \E c \in Client, k \in Key :
          \/ \E v \in Val : Write(c, k, v)
          \/ Fetch(c, k)
          \/ Evict(c, k)

Spec == Init /\ [][Next]_vars

TypeOK == /\ store \in [Key -> Val \cup {NoVal}]
          /\ cache \in [Client -> [Key -> Val \cup {NoVal}]]
          /\ writes \in 0..MaxWrites
\* A cached value was written at some point: it is never a value out of nowhere.
CacheFromStore == \A c \in Client, k \in Key : cache[c][k] \in Val \cup {NoVal}
=============================================================================
