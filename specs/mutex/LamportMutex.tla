---------------------------- MODULE LamportMutex ----------------------------
(***************************************************************************)
(* Mutual exclusion by message passing: Lamport's algorithm from "Time,    *)
(* Clocks, and the Ordering of Events in a Distributed System" (1978).     *)
(*                                                                         *)
(* Every node keeps a Lamport clock and a queue of the requests it knows   *)
(* of.  A node that wants the critical section stamps a request with its   *)
(* clock, queues it and sends it to every other node; a node that receives *)
(* a request queues it and acknowledges it with a stamped message.  A node *)
(* enters when its own request is the earliest in its queue and it has     *)
(* received from every other node a message stamped later than its         *)
(* request: links are FIFO, so no earlier request can still be on its way. *)
(* On leaving, it removes its request and sends a stamped release to every *)
(* other node, which removes the request from its queue in turn.           *)
(*                                                                         *)
(* "Earlier" is the total order on <<timestamp, node id>>; the order of    *)
(* the ids is given as a chain of sets, as in RicartAgrawala.tla           *)
(* (IdPrefixes = {{n1}, {n1, n2}, {n1, n2, n3}}: n1 first).                *)
(*                                                                         *)
(* Links are reliable and FIFO (the algorithm needs both); nodes do not    *)
(* crash.  Each of the Requesters asks at most MaxRequests times, which    *)
(* bounds the clocks and so the model.                                     *)
(*                                                                         *)
(* BUG seeds a mistake: "none" is the algorithm; "enter-at-head" enters as *)
(* soon as its own request heads its queue, without waiting to hear from   *)
(* every other node, so an earlier request still in flight is overlooked.  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the nodes
    IdPrefixes,     \* the nodes in the order of their ids, as a chain of prefixes
    Requesters,     \* the nodes that ask for the critical section (a model may let only some)
    MaxRequests,    \* how many times each node may ask for the critical section
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ IdPrefixes \subseteq SUBSET Node
       /\ {Cardinality(s) : s \in IdPrefixes} = 1..Cardinality(Node)
       /\ \A s, t \in IdPrefixes : s \subseteq t \/ t \subseteq s
       /\ Requesters \subseteq Node
       /\ MaxRequests \in Nat
       /\ BUG \in {"none", "enter-at-head"}

VARIABLES
    clock,          \* clock[p]: p's Lamport clock
    state,          \* state[p]: "idle", "wanting" or "critical"
    requests,       \* requests[p]: how many times p has asked
    queue,          \* queue[p]: the requests p knows of, as [time, node]
    latest,         \* latest[p][q]: the timestamp of the last message p received from q
    links           \* links[<<p, q>>]: the messages in flight from p to q, in order

vars == <<clock, state, requests, queue, latest, links>>

(* Node p's id: 1 for the first node, and so on.                           *)
Id(p) == Cardinality({s \in IdPrefixes : p \notin s}) + 1

Max(a, b) == IF a >= b THEN a ELSE b

Link == {l \in Node \X Node : l[1] # l[2]}

(* The largest clock value the model can reach: every event ticks once.    *)
MaxClock == Cardinality(Node) * MaxRequests * (3 * Cardinality(Node) + 1)

Message == [type : {"Request", "Ack", "Release"}, time : 0..MaxClock]

(* Request <<t1, p>> comes before request <<t2, q>>.                       *)
Earlier(t1, p, t2, q) == t1 < t2 \/ (t1 = t2 /\ Id(p) < Id(q))

(* Node p's own request in its queue (a node has at most one).             *)
Own(p) == CHOOSE r \in queue[p] : r.node = p

(* Appends message m to every link from p.                                 *)
SendAll(p, m) == [l \in Link |-> IF l[1] = p THEN Append(links[l], m) ELSE links[l]]

TypeOK ==
    /\ clock \in [Node -> 0..MaxClock]
    /\ state \in [Node -> {"idle", "wanting", "critical"}]
    /\ requests \in [Node -> 0..MaxRequests]
    /\ queue \in [Node -> SUBSET [time : 0..MaxClock, node : Node]]
    /\ latest \in [Node -> [Node -> 0..MaxClock]]
    /\ links \in [Link -> Seq(Message)]

Init ==
    /\ clock = [p \in Node |-> 0]
    /\ state = [p \in Node |-> "idle"]
    /\ requests = [p \in Node |-> 0]
    /\ queue = [p \in Node |-> {}]
    /\ latest = [p \in Node |-> [q \in Node |-> 0]]
    /\ links = [l \in Link |-> <<>>]

(* Node p asks for the critical section: it ticks its clock, queues its    *)
(* request stamped with it and sends the request to every other node.      *)
Request(p) ==
    /\ p \in Requesters
    /\ state[p] = "idle"
    /\ requests[p] < MaxRequests
    /\ LET time == clock[p] + 1
       IN  /\ clock' = [clock EXCEPT ![p] = time]
           /\ queue' = [queue EXCEPT ![p] = @ \cup {[time |-> time, node |-> p]}]
           /\ links' = SendAll(p, [type |-> "Request", time |-> time])
    /\ requests' = [requests EXCEPT ![p] = @ + 1]
    /\ state' = [state EXCEPT ![p] = "wanting"]
    /\ UNCHANGED latest

(* Node p takes a request from the link from q: it queues it and           *)
(* acknowledges it with its clock, advanced past the request's time.       *)
ReceiveRequest(p, q) ==
    /\ links[<<q, p>>] # <<>>
    /\ Head(links[<<q, p>>]).type = "Request"
    /\ LET m    == Head(links[<<q, p>>])
           time == Max(clock[p], m.time) + 1
       IN  /\ clock' = [clock EXCEPT ![p] = time]
           /\ queue' = [queue EXCEPT ![p] = @ \cup {[time |-> m.time, node |-> q]}]
           /\ latest' = [latest EXCEPT ![p][q] = m.time]
           /\ links' = [links EXCEPT ![<<q, p>>] = Tail(@),
                                     ![<<p, q>>] = Append(@, [type |-> "Ack", time |-> time])]
    /\ UNCHANGED <<state, requests>>

(* Node p takes an acknowledgement from the link from q.                   *)
ReceiveAck(p, q) ==
    /\ links[<<q, p>>] # <<>>
    /\ Head(links[<<q, p>>]).type = "Ack"
    /\ LET m == Head(links[<<q, p>>])
       IN  /\ clock' = [clock EXCEPT ![p] = Max(@, m.time) + 1]
           /\ latest' = [latest EXCEPT ![p][q] = m.time]
    /\ links' = [links EXCEPT ![<<q, p>>] = Tail(@)]
    /\ UNCHANGED <<state, requests, queue>>

(* Node p takes a release from the link from q and drops q's request.      *)
ReceiveRelease(p, q) ==
    /\ links[<<q, p>>] # <<>>
    /\ Head(links[<<q, p>>]).type = "Release"
    /\ LET m == Head(links[<<q, p>>])
       IN  /\ clock' = [clock EXCEPT ![p] = Max(@, m.time) + 1]
           /\ latest' = [latest EXCEPT ![p][q] = m.time]
    /\ queue' = [queue EXCEPT ![p] = {r \in @ : r.node # q}]
    /\ links' = [links EXCEPT ![<<q, p>>] = Tail(@)]
    /\ UNCHANGED <<state, requests>>

(* Node p enters: its request is the earliest it knows of, and every other *)
(* node has sent it something stamped later.                              *)
Enter(p) ==
    /\ state[p] = "wanting"
    /\ \A r \in queue[p] \ {Own(p)} : Earlier(Own(p).time, p, r.time, r.node)
    /\ BUG = "enter-at-head"
       \/ \A q \in Node \ {p} : Earlier(Own(p).time, p, latest[p][q], q)
    /\ state' = [state EXCEPT ![p] = "critical"]
    /\ UNCHANGED <<clock, requests, queue, latest, links>>

(* Node p leaves: it drops its request and tells every other node.         *)
Exit(p) ==
    /\ state[p] = "critical"
    /\ LET time == clock[p] + 1
       IN  /\ clock' = [clock EXCEPT ![p] = time]
           /\ links' = SendAll(p, [type |-> "Release", time |-> time])
    /\ queue' = [queue EXCEPT ![p] = {r \in @ : r.node # p}]
    /\ state' = [state EXCEPT ![p] = "idle"]
    /\ UNCHANGED <<requests, latest>>

Next ==
    \/ \E p \in Node : Request(p) \/ Enter(p) \/ Exit(p)
    \/ \E l \in Link : ReceiveRequest(l[2], l[1]) \/ ReceiveAck(l[2], l[1]) \/ ReceiveRelease(l[2], l[1])

(* Nodes receive what reaches them, enter when they may and leave the      *)
(* critical section; asking is the application's choice.                   *)
Fairness ==
    /\ \A l \in Link : WF_vars(ReceiveRequest(l[2], l[1]) \/ ReceiveAck(l[2], l[1]) \/ ReceiveRelease(l[2], l[1]))
    /\ \A p \in Node : WF_vars(Enter(p)) /\ WF_vars(Exit(p))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Safety: at most one node is in the critical section.                    *)
MutualExclusion == \A p, q \in Node : state[p] = "critical" /\ state[q] = "critical" => p = q

(* Liveness: no starvation.  A node that asks eventually enters.           *)
NoStarvation == \A p \in Node : state[p] = "wanting" ~> state[p] = "critical"
=============================================================================
