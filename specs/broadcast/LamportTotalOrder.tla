-------------------------- MODULE LamportTotalOrder --------------------------
(***************************************************************************)
(* Total order broadcast by Lamport timestamps over FIFO links, as in      *)
(* Kleppmann's Cambridge notes.                                            *)
(*                                                                         *)
(* Every node keeps a Lamport clock.  A broadcast message is stamped with  *)
(* the sender's clock; the timestamp <<time, sender>> orders all messages  *)
(* totally (ties broken by node number).  A node holds received messages   *)
(* in a queue and delivers the one with the smallest timestamp only when   *)
(* it can be sure no smaller one is still on its way: when it has heard a  *)
(* message with a timestamp at least as large from every other node.       *)
(* Because links are FIFO and a node's timestamps only grow, nothing       *)
(* smaller can come from that node afterwards.  So that every node hears   *)
(* from every other one, a node acknowledges each message it receives to   *)
(* all other nodes, stamped with its clock.                                *)
(*                                                                         *)
(* The algorithm needs every node to keep talking, so the model has no     *)
(* crashes.  Nodes are the numbers 1..N so that ties can be broken by      *)
(* node number (C# node i is node i + 1).                                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of nodes: numbers 1..N
    Senders,        \* the nodes that broadcast (a model may let only some of them)
    MaxBroadcasts   \* how many messages all nodes together may broadcast

ASSUME Node \subseteq Nat /\ Senders \subseteq Node

VARIABLES
    clock,          \* clock[n]: n's Lamport clock
    sendSeq,        \* sendSeq[n]: how many messages n has broadcast
    links,          \* links[<<from, to>>]: the FIFO link from one node to another
    queue,          \* queue[n]: messages n holds back, as [time, id]
    latest,         \* latest[n][k]: the time of the last message n received from k
    deliveredLog    \* deliveredLog[n]: the ids n has delivered, in order

vars == <<clock, sendSeq, links, queue, latest, deliveredLog>>

Id == Node \X (1..MaxBroadcasts)

Range(seq) == {seq[i] : i \in DOMAIN seq}

Max(a, b) == IF a >= b THEN a ELSE b

Others(n) == Node \ {n}

Link == {l \in Node \X Node : l[1] # l[2]}

Broadcasted == {<<n, k>> \in Id : k <= sendSeq[n]}

(* The Lamport timestamp of a queued message, and the order on timestamps. *)
Timestamp(e) == <<e.time, e.id[1]>>

a \prec b == a[1] < b[1] \/ (a[1] = b[1] /\ a[2] < b[2])

Message == [type : {"Msg"}, time : Nat, id : Id] \cup [type : {"Ack"}, time : Nat]

TypeOK ==
    /\ clock \in [Node -> Nat]
    /\ sendSeq \in [Node -> 0..MaxBroadcasts]
    /\ links \in [Link -> Seq(Message)]
    /\ queue \in [Node -> SUBSET [time : Nat, id : Id]]
    /\ latest \in [Node -> [Node -> Nat]]
    /\ \A n \in Node : Range(deliveredLog[n]) \subseteq Id

Init ==
    /\ clock = [n \in Node |-> 0]
    /\ sendSeq = [n \in Node |-> 0]
    /\ links = [l \in Link |-> <<>>]
    /\ queue = [n \in Node |-> {}]
    /\ latest = [n \in Node |-> [k \in Node |-> 0]]
    /\ deliveredLog = [n \in Node |-> <<>>]

(* Node n ticks its clock, stamps a new message with it, queues the        *)
(* message itself and sends it to every other node.                        *)
Broadcast(n) ==
    /\ n \in Senders
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET time == clock[n] + 1
           id   == <<n, sendSeq[n] + 1>>
       IN  /\ clock' = [clock EXCEPT ![n] = time]
           /\ queue' = [queue EXCEPT ![n] = @ \cup {[time |-> time, id |-> id]}]
           /\ links' = [l \in Link |->
                          IF l[1] = n
                          THEN Append(links[l], [type |-> "Msg", time |-> time, id |-> id])
                          ELSE links[l]]
    /\ sendSeq' = [sendSeq EXCEPT ![n] = @ + 1]
    /\ UNCHANGED <<latest, deliveredLog>>

(* Node n takes the next message from the link from `from`: it advances    *)
(* its clock past the message's time, queues the message, and acknowledges *)
(* it to every other node with its new clock.                              *)
ReceiveMsg(n, from) ==
    /\ links[<<from, n>>] # <<>>
    /\ Head(links[<<from, n>>]).type = "Msg"
    /\ LET m    == Head(links[<<from, n>>])
           time == Max(clock[n], m.time) + 1
       IN  /\ clock' = [clock EXCEPT ![n] = time]
           /\ queue' = [queue EXCEPT ![n] = @ \cup {[time |-> m.time, id |-> m.id]}]
           /\ latest' = [latest EXCEPT ![n][from] = m.time]
           /\ links' = [l \in Link |->
                          IF l = <<from, n>> THEN Tail(links[l])
                          ELSE IF l[1] = n THEN Append(links[l], [type |-> "Ack", time |-> time])
                          ELSE links[l]]
    /\ UNCHANGED <<sendSeq, deliveredLog>>

(* Node n takes an acknowledgement from the link from `from`.              *)
ReceiveAck(n, from) ==
    /\ links[<<from, n>>] # <<>>
    /\ Head(links[<<from, n>>]).type = "Ack"
    /\ LET a == Head(links[<<from, n>>])
       IN  /\ clock' = [clock EXCEPT ![n] = Max(@, a.time) + 1]
           /\ latest' = [latest EXCEPT ![n][from] = a.time]
           /\ links' = [links EXCEPT ![<<from, n>>] = Tail(@)]
    /\ UNCHANGED <<sendSeq, queue, deliveredLog>>

(* Node n delivers the queued message with the smallest timestamp once     *)
(* every other node has sent it something stamped at least as late.       *)
Deliver(n, e) ==
    /\ e \in queue[n]
    /\ \A o \in queue[n] \ {e} : Timestamp(e) \prec Timestamp(o)
    /\ \A k \in Others(n) : ~(<<latest[n][k], k>> \prec Timestamp(e))
    /\ queue' = [queue EXCEPT ![n] = @ \ {e}]
    /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, e.id)]
    /\ UNCHANGED <<clock, sendSeq, links, latest>>

Next ==
    \/ \E n \in Node : Broadcast(n)
    \/ \E l \in Link : ReceiveMsg(l[2], l[1])
    \/ \E l \in Link : ReceiveAck(l[2], l[1])
    \/ \E n \in Node : \E e \in queue[n] : Deliver(n, e)

Spec == Init /\ [][Next]_vars

FairSpec ==
    /\ Spec
    /\ \A l \in Link : WF_vars(ReceiveMsg(l[2], l[1]) \/ ReceiveAck(l[2], l[1]))
    /\ \A n \in Node : WF_vars(\E e \in queue[n] : Deliver(n, e))

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

-----------------------------------------------------------------------------
(* Liveness (under FairSpec) *)

Validity ==
    \A n \in Node : \A id \in Id :
        (id \in Broadcasted) ~> (id \in DeliveredAt(n))

=============================================================================
