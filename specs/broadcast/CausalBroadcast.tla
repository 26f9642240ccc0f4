--------------------------- MODULE CausalBroadcast ---------------------------
(***************************************************************************)
(* Causal broadcast with vector clocks, as in Kleppmann's Cambridge notes  *)
(* on distributed systems.                                                 *)
(*                                                                         *)
(* A node that broadcasts a message attaches the vector `deps` of what it  *)
(* has delivered so far, with its own entry replaced by the number of      *)
(* messages it has broadcast before this one: those are the message's      *)
(* causal dependencies.  A receiver holds a message back in its buffer     *)
(* until it has delivered every dependency, that is until                  *)
(* deps <= delivered pointwise, and then delivers it and counts it in      *)
(* delivered[sender].                                                      *)
(*                                                                         *)
(* The links are reliable but reorder messages, and the broadcaster sends  *)
(* to every node including itself.  Nodes do not crash: without a relaying *)
(* reliable broadcast underneath, a crashed sender's message could be      *)
(* missing forever at some node, which would then hold back every message  *)
(* that depends on it.                                                     *)
(*                                                                         *)
(* The variable causalPast is history only: the pairs <<m1, m2>> such that *)
(* m1 was delivered or broadcast by m2's sender before it broadcast m2.    *)
(* The algorithm never reads it; the CausalOrder invariant does.           *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of nodes
    MaxBroadcasts   \* how many messages all nodes together may broadcast (bounds the model)

VARIABLES
    sendSeq,        \* sendSeq[n]: how many messages n has broadcast
    delivered,      \* delivered[n][s]: how many of s's messages n has delivered
    buffer,         \* buffer[n]: messages n has received but not yet delivered
    network,        \* the set of messages in flight
    deliveredLog,   \* deliveredLog[n]: the ids n has delivered, in order
    causalPast      \* history: the set of pairs <<earlier id, later id>>

vars == <<sendSeq, delivered, buffer, network, deliveredLog, causalPast>>

(* A message is identified by its sender and its position among the       *)
(* sender's broadcasts, counted from 1.                                    *)
Id == Node \X (1..MaxBroadcasts)

VectorClock == [Node -> 0..MaxBroadcasts]

Msg == [id : Id, deps : VectorClock]

(* The "less than or equal" order of vector clocks.                        *)
v1 \preceq v2 == \A k \in Node : v1[k] <= v2[k]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<n, k>> \in Id : k <= sendSeq[n]}

TypeOK ==
    /\ sendSeq \in [Node -> 0..MaxBroadcasts]
    /\ delivered \in [Node -> VectorClock]
    /\ buffer \in [Node -> SUBSET Msg]
    /\ network \subseteq [to : Node, msg : Msg]
    /\ \A n \in Node : Range(deliveredLog[n]) \subseteq Id
    /\ causalPast \subseteq Id \X Id

Init ==
    /\ sendSeq = [n \in Node |-> 0]
    /\ delivered = [n \in Node |-> [k \in Node |-> 0]]
    /\ buffer = [n \in Node |-> {}]
    /\ network = {}
    /\ deliveredLog = [n \in Node |-> <<>>]
    /\ causalPast = {}

(* Node n broadcasts its next message.  Its dependencies are what it has   *)
(* delivered, except that its own entry counts the messages it has         *)
(* broadcast so far (it may not have delivered all of them to itself yet). *)
Broadcast(n) ==
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id   == <<n, sendSeq[n] + 1>>
           deps == [delivered[n] EXCEPT ![n] = sendSeq[n]]
           past == Range(deliveredLog[n]) \cup {<<n, k>> : k \in 1..sendSeq[n]}
       IN  /\ network' = network \cup {[to |-> t, msg |-> [id |-> id, deps |-> deps]] : t \in Node}
           /\ causalPast' = causalPast \cup {<<p, id>> : p \in past}
    /\ sendSeq' = [sendSeq EXCEPT ![n] = @ + 1]
    /\ UNCHANGED <<delivered, buffer, deliveredLog>>

(* Node n receives a message from the network and puts it in its buffer.   *)
Receive(n, m) ==
    /\ m \in network
    /\ m.to = n
    /\ network' = network \ {m}
    /\ buffer' = [buffer EXCEPT ![n] = @ \cup {m.msg}]
    /\ UNCHANGED <<sendSeq, delivered, deliveredLog, causalPast>>

(* Node n delivers a buffered message once it has delivered all of the     *)
(* message's dependencies.                                                 *)
Deliver(n, msg) ==
    /\ msg \in buffer[n]
    /\ msg.deps \preceq delivered[n]
    /\ buffer' = [buffer EXCEPT ![n] = @ \ {msg}]
    /\ delivered' = [delivered EXCEPT ![n][msg.id[1]] = @ + 1]
    /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, msg.id)]
    /\ UNCHANGED <<sendSeq, network, causalPast>>

Next ==
    \/ \E n \in Node : Broadcast(n)
    \/ \E m \in network : Receive(m.to, m)
    \/ \E n \in Node : \E msg \in buffer[n] : Deliver(n, msg)

Spec == Init /\ [][Next]_vars

(* Every message is eventually received and, once deliverable, delivered.  *)
FairSpec ==
    /\ Spec
    /\ \A n \in Node : WF_vars(\E m \in network : m.to = n /\ Receive(n, m))
    /\ \A n \in Node : WF_vars(\E msg \in buffer[n] : Deliver(n, msg))

-----------------------------------------------------------------------------
(* Safety *)

DeliveredAt(n) == Range(deliveredLog[n])

(* Position of id in n's delivery order. *)
PositionAt(n, id) == CHOOSE i \in DOMAIN deliveredLog[n] : deliveredLog[n][i] = id

(* No creation: only messages that were broadcast are delivered.           *)
NoCreation == \A n \in Node : DeliveredAt(n) \subseteq Broadcasted

(* No duplication: no message is delivered twice at the same node.         *)
NoDuplication ==
    \A n \in Node : \A i, j \in DOMAIN deliveredLog[n] :
        i # j => deliveredLog[n][i] # deliveredLog[n][j]

(* Causal order: a node that delivers a message has already delivered     *)
(* every message that causally precedes it.                                *)
CausalOrder ==
    \A n \in Node : \A pair \in causalPast :
        pair[2] \in DeliveredAt(n) =>
            /\ pair[1] \in DeliveredAt(n)
            /\ PositionAt(n, pair[1]) < PositionAt(n, pair[2])

-----------------------------------------------------------------------------
(* Liveness (under FairSpec) *)

(* Validity and agreement: every broadcast message is eventually delivered *)
(* at every node (no node crashes in this model).                          *)
Validity ==
    \A n \in Node : \A id \in Id :
        (id \in Broadcasted) ~> (id \in DeliveredAt(n))

=============================================================================
