---------------------------- MODULE IsisTotalOrder ----------------------------
(***************************************************************************)
(* Total order broadcast by ISIS (Birman), as usually taught: proposed and *)
(* agreed timestamps.                                                      *)
(*                                                                         *)
(* The sender sends its Message to every node, itself included.  Each     *)
(* receiver proposes a timestamp one larger than any it has proposed or    *)
(* seen agreed, <<time, receiver>> so that proposals are unique, queues    *)
(* the message as not yet deliverable under that timestamp, and returns    *)
(* the Proposal to the sender.  Once the sender has every node's proposal  *)
(* it takes the largest as the Agreed timestamp and sends it to all.  A    *)
(* receiver re-stamps the message with the agreed timestamp and marks it   *)
(* deliverable; it delivers the message at the head of its queue (the      *)
(* smallest timestamp) whenever that message is deliverable.  Taking the   *)
(* maximum matters: an agreed timestamp is never below a timestamp a node  *)
(* proposed, so a message cannot jump ahead of one already delivered.      *)
(*                                                                         *)
(* The sender needs every node's proposal, so the model has no crashes.    *)
(* Nodes are the numbers 1..N so that ties break by node number (C# node i *)
(* is node i + 1).                                                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of nodes: numbers 1..N
    Senders,        \* the nodes that broadcast (a model may let only some of them)
    MaxBroadcasts   \* how many messages all nodes together may broadcast

ASSUME Node \subseteq Nat /\ Senders \subseteq Node

VARIABLES
    sendSeq,          \* sendSeq[n]: how many messages n has broadcast
    largestProposed,  \* largestProposed[n]: the largest time n has proposed
    largestAgreed,    \* largestAgreed[n]: the largest agreed time n has seen
    queue,            \* queue[n]: messages n holds, as [id, ts, deliverable]
    proposals,        \* proposals[n]: proposals n has collected for its messages, as [id, ts]
    network,          \* the set of messages in flight
    deliveredLog      \* deliveredLog[n]: the ids n has delivered, in order

vars == <<sendSeq, largestProposed, largestAgreed, queue, proposals, network, deliveredLog>>

Id == Node \X (1..MaxBroadcasts)

Range(seq) == {seq[i] : i \in DOMAIN seq}

Max(a, b) == IF a >= b THEN a ELSE b

Broadcasted == {<<n, k>> \in Id : k <= sendSeq[n]}

(* Timestamps <<time, node>> in their total order.                         *)
a \prec b == a[1] < b[1] \/ (a[1] = b[1] /\ a[2] < b[2])

MaxTimestamp(S) == CHOOSE t \in S : \A u \in S : u = t \/ u \prec t

Timestamp == Nat \X Node

TypeOK ==
    /\ sendSeq \in [Node -> 0..MaxBroadcasts]
    /\ largestProposed \in [Node -> Nat]
    /\ largestAgreed \in [Node -> Nat]
    /\ queue \in [Node -> SUBSET [id : Id, ts : Timestamp, deliverable : BOOLEAN]]
    /\ proposals \in [Node -> SUBSET [id : Id, ts : Timestamp]]
    /\ network \subseteq
         [type : {"Message"}, id : Id, to : Node]
           \cup [type : {"Proposal", "Agreed"}, id : Id, ts : Timestamp, to : Node]
    /\ \A n \in Node : Range(deliveredLog[n]) \subseteq Id

Init ==
    /\ sendSeq = [n \in Node |-> 0]
    /\ largestProposed = [n \in Node |-> 0]
    /\ largestAgreed = [n \in Node |-> 0]
    /\ queue = [n \in Node |-> {}]
    /\ proposals = [n \in Node |-> {}]
    /\ network = {}
    /\ deliveredLog = [n \in Node |-> <<>>]

(* Node n sends a new message to every node, itself included.             *)
Broadcast(n) ==
    /\ n \in Senders
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ network' = network \cup
         {[type |-> "Message", id |-> <<n, sendSeq[n] + 1>>, to |-> t] : t \in Node}
    /\ sendSeq' = [sendSeq EXCEPT ![n] = @ + 1]
    /\ UNCHANGED <<largestProposed, largestAgreed, queue, proposals, deliveredLog>>

(* Node n receives a message, proposes a timestamp for it, and queues it   *)
(* as not yet deliverable.                                                 *)
ReceiveMessage(n, m) ==
    /\ m \in network
    /\ m.type = "Message"
    /\ m.to = n
    /\ LET time == Max(largestProposed[n], largestAgreed[n]) + 1
       IN  /\ largestProposed' = [largestProposed EXCEPT ![n] = time]
           /\ queue' = [queue EXCEPT ![n] =
                          @ \cup {[id |-> m.id, ts |-> <<time, n>>, deliverable |-> FALSE]}]
           /\ network' = (network \ {m}) \cup
                {[type |-> "Proposal", id |-> m.id, ts |-> <<time, n>>, to |-> m.id[1]]}
    /\ UNCHANGED <<sendSeq, largestAgreed, proposals, deliveredLog>>

(* The sender n collects a proposal; with the last one it agrees on the    *)
(* largest proposal and sends the agreed timestamp to every node.          *)
ReceiveProposal(n, m) ==
    /\ m \in network
    /\ m.type = "Proposal"
    /\ m.to = n
    /\ LET collected == proposals[n] \cup {[id |-> m.id, ts |-> m.ts]}
           forId     == {p \in collected : p.id = m.id}
           complete  == Cardinality(forId) = Cardinality(Node)
           agreed    == MaxTimestamp({p.ts : p \in forId})
       IN  /\ proposals' = [proposals EXCEPT ![n] = IF complete THEN collected \ forId ELSE collected]
           /\ network' = (network \ {m}) \cup
                (IF complete
                 THEN {[type |-> "Agreed", id |-> m.id, ts |-> agreed, to |-> t] : t \in Node}
                 ELSE {})
    /\ UNCHANGED <<sendSeq, largestProposed, largestAgreed, queue, deliveredLog>>

(* Node n learns a message's agreed timestamp: it re-stamps the queued     *)
(* message and marks it deliverable.                                       *)
ReceiveAgreed(n, m) ==
    /\ m \in network
    /\ m.type = "Agreed"
    /\ m.to = n
    /\ queue' = [queue EXCEPT ![n] =
                   {IF e.id = m.id THEN [id |-> e.id, ts |-> m.ts, deliverable |-> TRUE] ELSE e
                      : e \in @}]
    /\ largestAgreed' = [largestAgreed EXCEPT ![n] = Max(@, m.ts[1])]
    /\ network' = network \ {m}
    /\ UNCHANGED <<sendSeq, largestProposed, proposals, deliveredLog>>

(* Node n delivers the message at the head of its queue if it is          *)
(* deliverable.                                                            *)
Deliver(n, e) ==
    /\ e \in queue[n]
    /\ e.deliverable
    /\ \A o \in queue[n] \ {e} : e.ts \prec o.ts
    /\ queue' = [queue EXCEPT ![n] = @ \ {e}]
    /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, e.id)]
    /\ UNCHANGED <<sendSeq, largestProposed, largestAgreed, proposals, network>>

Next ==
    \/ \E n \in Node : Broadcast(n)
    \/ \E m \in network :
         \/ ReceiveMessage(m.to, m)
         \/ ReceiveProposal(m.to, m)
         \/ ReceiveAgreed(m.to, m)
    \/ \E n \in Node : \E e \in queue[n] : Deliver(n, e)

Spec == Init /\ [][Next]_vars

FairSpec ==
    /\ Spec
    /\ \A n \in Node : WF_vars(\E m \in network :
                                 m.to = n /\ (ReceiveMessage(n, m) \/ ReceiveProposal(n, m) \/ ReceiveAgreed(n, m)))
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
