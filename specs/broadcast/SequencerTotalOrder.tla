------------------------- MODULE SequencerTotalOrder -------------------------
(***************************************************************************)
(* Total order broadcast through a fixed sequencer, as in Kleppmann's      *)
(* Cambridge notes.                                                        *)
(*                                                                         *)
(* To broadcast a message, a node submits it to the sequencer over a FIFO  *)
(* link.  The sequencer numbers the messages in the order it takes them    *)
(* and sends each numbered message to every node, itself included, by      *)
(* FIFO broadcast.  Every node delivers the numbered messages in order of  *)
(* their numbers, so all nodes deliver in the same order, and each         *)
(* sender's messages in the order it broadcast them.                       *)
(*                                                                         *)
(* The network reorders messages, so both FIFO layers are built the usual  *)
(* way, with sequence numbers and a hold-back buffer: the sequencer takes  *)
(* a submitted message only after the sender's earlier ones (a message's   *)
(* id <<sender, k>> carries the sender's count k), and a node delivers a   *)
(* numbered message only after all lower numbers.                          *)
(*                                                                         *)
(* The sequencer is a single point of failure: the model has no crashes.   *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of nodes
    Sequencer,      \* the node that orders all messages
    MaxBroadcasts   \* how many messages all nodes together may broadcast

ASSUME Sequencer \in Node

VARIABLES
    sendSeq,        \* sendSeq[n]: how many messages n has broadcast
    network,        \* the set of messages in flight
    submitBuffer,   \* ids the sequencer has received but not yet numbered
    sequencedFrom,  \* sequencedFrom[n]: how many of n's messages the sequencer has numbered
    nextSeq,        \* the number the sequencer gives the next message
    buffer,         \* buffer[n]: numbered messages n has received but not delivered
    delivered,      \* delivered[n]: how many numbered messages n has delivered
    deliveredLog    \* deliveredLog[n]: the ids n has delivered, in order

vars == <<sendSeq, network, submitBuffer, sequencedFrom, nextSeq, buffer, delivered, deliveredLog>>

Id == Node \X (1..MaxBroadcasts)

Range(seq) == {seq[i] : i \in DOMAIN seq}

Broadcasted == {<<n, k>> \in Id : k <= sendSeq[n]}

Submit == [type : {"Submit"}, id : Id]

Sequenced == [type : {"Sequenced"}, seq : 1..MaxBroadcasts, id : Id]

TypeOK ==
    /\ sendSeq \in [Node -> 0..MaxBroadcasts]
    /\ network \subseteq [to : Node, msg : Submit \cup Sequenced]
    /\ submitBuffer \subseteq Id
    /\ sequencedFrom \in [Node -> 0..MaxBroadcasts]
    /\ nextSeq \in 1..(MaxBroadcasts + 1)
    /\ buffer \in [Node -> SUBSET Sequenced]
    /\ delivered \in [Node -> 0..MaxBroadcasts]
    /\ \A n \in Node : Range(deliveredLog[n]) \subseteq Id

Init ==
    /\ sendSeq = [n \in Node |-> 0]
    /\ network = {}
    /\ submitBuffer = {}
    /\ sequencedFrom = [n \in Node |-> 0]
    /\ nextSeq = 1
    /\ buffer = [n \in Node |-> {}]
    /\ delivered = [n \in Node |-> 0]
    /\ deliveredLog = [n \in Node |-> <<>>]

(* Node n broadcasts a message by submitting it to the sequencer.          *)
Broadcast(n) ==
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ network' = network \cup
         {[to |-> Sequencer, msg |-> [type |-> "Submit", id |-> <<n, sendSeq[n] + 1>>]]}
    /\ sendSeq' = [sendSeq EXCEPT ![n] = @ + 1]
    /\ UNCHANGED <<submitBuffer, sequencedFrom, nextSeq, buffer, delivered, deliveredLog>>

(* The sequencer receives a submitted message and holds it back.           *)
ReceiveSubmit(m) ==
    /\ m \in network
    /\ m.msg.type = "Submit"
    /\ network' = network \ {m}
    /\ submitBuffer' = submitBuffer \cup {m.msg.id}
    /\ UNCHANGED <<sendSeq, sequencedFrom, nextSeq, buffer, delivered, deliveredLog>>

(* The sequencer takes a held-back message once it has numbered all of the *)
(* sender's earlier ones, numbers it, and sends it to every node.          *)
Sequence(id) ==
    /\ id \in submitBuffer
    /\ id[2] = sequencedFrom[id[1]] + 1
    /\ network' = network \cup
         {[to |-> t, msg |-> [type |-> "Sequenced", seq |-> nextSeq, id |-> id]] : t \in Node}
    /\ submitBuffer' = submitBuffer \ {id}
    /\ sequencedFrom' = [sequencedFrom EXCEPT ![id[1]] = @ + 1]
    /\ nextSeq' = nextSeq + 1
    /\ UNCHANGED <<sendSeq, buffer, delivered, deliveredLog>>

(* Node n receives a numbered message and puts it in its buffer.           *)
Receive(n, m) ==
    /\ m \in network
    /\ m.msg.type = "Sequenced"
    /\ m.to = n
    /\ network' = network \ {m}
    /\ buffer' = [buffer EXCEPT ![n] = @ \cup {m.msg}]
    /\ UNCHANGED <<sendSeq, submitBuffer, sequencedFrom, nextSeq, delivered, deliveredLog>>

(* Node n delivers the buffered message that carries the next number.      *)
Deliver(n, msg) ==
    /\ msg \in buffer[n]
    /\ msg.seq = delivered[n] + 1
    /\ buffer' = [buffer EXCEPT ![n] = @ \ {msg}]
    /\ delivered' = [delivered EXCEPT ![n] = @ + 1]
    /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, msg.id)]
    /\ UNCHANGED <<sendSeq, network, submitBuffer, sequencedFrom, nextSeq>>

Next ==
    \/ \E n \in Node : Broadcast(n)
    \/ \E m \in network : ReceiveSubmit(m)
    \/ \E id \in submitBuffer : Sequence(id)
    \/ \E m \in network : Receive(m.to, m)
    \/ \E n \in Node : \E msg \in buffer[n] : Deliver(n, msg)

Spec == Init /\ [][Next]_vars

FairSpec ==
    /\ Spec
    /\ WF_vars(\E m \in network : ReceiveSubmit(m))
    /\ WF_vars(\E id \in submitBuffer : Sequence(id))
    /\ \A n \in Node : WF_vars(\E m \in network : m.to = n /\ Receive(n, m))
    /\ \A n \in Node : WF_vars(\E msg \in buffer[n] : Deliver(n, msg))

-----------------------------------------------------------------------------
(* Safety *)

DeliveredAt(n) == Range(deliveredLog[n])

PositionAt(n, id) == CHOOSE i \in DOMAIN deliveredLog[n] : deliveredLog[n][i] = id

NoCreation == \A n \in Node : DeliveredAt(n) \subseteq Broadcasted

NoDuplication ==
    \A n \in Node : \A i, j \in DOMAIN deliveredLog[n] :
        i # j => deliveredLog[n][i] # deliveredLog[n][j]

(* Total order: two nodes that both deliver two messages deliver them in   *)
(* the same order.                                                         *)
TotalOrder ==
    \A n1, n2 \in Node : \A i, j \in DOMAIN deliveredLog[n1] :
        LET a == deliveredLog[n1][i]
            b == deliveredLog[n1][j]
        IN  (i < j /\ a \in DeliveredAt(n2) /\ b \in DeliveredAt(n2))
                => PositionAt(n2, a) < PositionAt(n2, b)

(* FIFO order: a node delivers a sender's messages only in the order the   *)
(* sender broadcast them.                                                  *)
FifoOrder ==
    \A n \in Node : \A i \in DOMAIN deliveredLog[n] :
        LET id == deliveredLog[n][i]
        IN  \A k \in 1..(id[2] - 1) :
                /\ <<id[1], k>> \in DeliveredAt(n)
                /\ PositionAt(n, <<id[1], k>>) < i

-----------------------------------------------------------------------------
(* Liveness (under FairSpec) *)

(* Every broadcast message is eventually delivered at every node.          *)
Validity ==
    \A n \in Node : \A id \in Id :
        (id \in Broadcasted) ~> (id \in DeliveredAt(n))

=============================================================================
