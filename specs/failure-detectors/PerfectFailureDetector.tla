------------------------ MODULE PerfectFailureDetector ------------------------
(***************************************************************************)
(* The perfect failure detector P under synchrony, built from heartbeats:  *)
(* Cachin, Guerraoui and Rodrigues, "Introduction to Reliable and Secure   *)
(* Distributed Programming", algorithm 2.5 (Exclude on Timeout).           *)
(*                                                                         *)
(* Every Period time units a node's timer fires.  The node suspects every  *)
(* node that has not answered since the last time (it crashed), forgets    *)
(* who answered, and sends a heartbeat request to every other node, which  *)
(* answers with a heartbeat reply.                                         *)
(*                                                                         *)
(* Synchrony is a global clock: Tick advances time by one unit, and it     *)
(* cannot pass a node's expired timer (nodes take their steps on time) or  *)
(* a message that has been in flight Delta units (links deliver within     *)
(* Delta).  A reply therefore comes back at most 2 * Delta after the       *)
(* request, and a timeout longer than that round trip never suspects a     *)
(* live node.  Time itself is not a variable: only timers and message ages *)
(* are, so the model is finite although time is not.                       *)
(*                                                                         *)
(* Nodes fail by crashing (at most MaxCrashes of them).  A crashed node's  *)
(* messages already sent still arrive; messages to it are lost.            *)
(*                                                                         *)
(* BUG seeds a mistake: "short-timeout" waits 2 * Delta - 1, less than a   *)
(* round trip, so a slow reply from a live node gets it suspected.         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Node,           \* the nodes
    Delta,          \* the largest delay of a message, in time units
    MaxCrashes,     \* how many nodes may crash
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ Delta \in Nat \ {0}
       /\ MaxCrashes \in Nat
       /\ BUG \in {"none", "short-timeout"}

(* How long a node waits for replies (its timer's period): longer than a   *)
(* round trip.                                                             *)
Period == IF BUG = "short-timeout" THEN 2 * Delta - 1 ELSE 2 * Delta + 1

VARIABLES
    timer,          \* timer[p]: time units until p's timer fires
    alive,          \* alive[p]: the nodes that answered p since its timer last fired
    suspected,      \* suspected[p]: the nodes p suspects (detected as crashed)
    network,        \* the messages in flight, each with its age
    crashed         \* the nodes that have crashed

vars == <<timer, alive, suspected, network, crashed>>

Message == [type : {"HeartbeatRequest", "HeartbeatReply"}, from : Node, to : Node, age : 0..Delta]

TypeOK ==
    /\ timer \in [Node -> 0..Period]
    /\ alive \in [Node -> SUBSET Node]
    /\ suspected \in [Node -> SUBSET Node]
    /\ network \subseteq Message
    /\ crashed \subseteq Node

(* Every node fires its timer at once, believing everybody alive.          *)
Init ==
    /\ timer = [p \in Node |-> 0]
    /\ alive = [p \in Node |-> Node]
    /\ suspected = [p \in Node |-> {}]
    /\ network = {}
    /\ crashed = {}

(* A message to a crashed node is lost.                                    *)
Deliverable(msgs) == {m \in msgs : m.to \notin crashed}

(* What node p does when its timer fires: it suspects the nodes that did  *)
(* not answer, and asks every other node again.                            *)
Expire(p) ==
    /\ p \notin crashed
    /\ suspected' = [suspected EXCEPT ![p] = @ \cup (Node \ ({p} \cup alive[p]))]
    /\ alive' = [alive EXCEPT ![p] = {}]
    /\ network' = network \cup Deliverable(
          {[type |-> "HeartbeatRequest", from |-> p, to |-> q, age |-> 0] : q \in Node \ {p}})
    /\ timer' = [timer EXCEPT ![p] = Period]
    /\ UNCHANGED crashed

(* Node p's timer fires.                                                   *)
Timeout(p) ==
    /\ timer[p] = 0
    /\ Expire(p)

(* Node p answers a heartbeat request.                                     *)
ReceiveRequest(p, m) ==
    /\ m \in network
    /\ m.type = "HeartbeatRequest"
    /\ m.to = p
    /\ network' = (network \ {m}) \cup
          Deliverable({[type |-> "HeartbeatReply", from |-> p, to |-> m.from, age |-> 0]})
    /\ UNCHANGED <<timer, alive, suspected, crashed>>

(* Node p receives a heartbeat reply.                                      *)
ReceiveReply(p, m) ==
    /\ m \in network
    /\ m.type = "HeartbeatReply"
    /\ m.to = p
    /\ alive' = [alive EXCEPT ![p] = @ \cup {m.from}]
    /\ network' = network \ {m}
    /\ UNCHANGED <<timer, suspected, crashed>>

(* Node p crashes.                                                         *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ network' = {m \in network : m.to # p}
    /\ UNCHANGED <<timer, alive, suspected>>

(* One unit of time passes.  Synchrony: no live node's timer has expired,  *)
(* and no message is Delta units old.                                      *)
Tick ==
    /\ \A p \in Node \ crashed : timer[p] > 0
    /\ \A m \in network : m.age < Delta
    /\ timer' = [p \in Node |-> IF timer[p] > 0 THEN timer[p] - 1 ELSE 0]
    /\ network' = {[m EXCEPT !.age = @ + 1] : m \in network}
    /\ UNCHANGED <<alive, suspected, crashed>>

Next ==
    \/ Tick
    \/ \E p \in Node : Timeout(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in network : ReceiveRequest(p, m)
    \/ \E p \in Node : \E m \in network : ReceiveReply(p, m)

(* Time passes, and a live node takes the steps that are due.              *)
Fairness ==
    /\ WF_vars(Tick)
    /\ \A p \in Node :
          /\ WF_vars(Timeout(p))
          /\ WF_vars(\E m \in network : ReceiveRequest(p, m) \/ ReceiveReply(p, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* The explorer's synchrony (MCPerfectFailureDetectorConformance.cfg).     *)
(* The explorer has a clock of its own (one tick per step), which this     *)
(* spec does not observe: its runs take no Tick.  What synchrony promises  *)
(* is what the explorer checks instead: a node's timer fires only once its *)
(* round has settled, i.e. no request of p and no reply to p is in flight  *)
(* (a period longer than a round trip).  Under Tick this holds whenever    *)
(* timer[p] = 0, since Period > 2 * Delta; the conformance model replaces  *)
(* Timeout by SettledTimeout, so a timeout that comes too early is a step  *)
(* the spec does not allow.                                                *)
Outstanding(p, q) ==
    \E m \in network :
        \/ (m.type = "HeartbeatRequest" /\ m.from = p /\ m.to = q)
        \/ (m.type = "HeartbeatReply" /\ m.from = q /\ m.to = p)

RoundSettled(p) == \A q \in Node : ~Outstanding(p, q)

SettledTimeout(p) ==
    /\ RoundSettled(p)
    /\ Expire(p)

-----------------------------------------------------------------------------
(* Strong accuracy (safety): no node is suspected before it crashes.       *)
StrongAccuracy == \A p, q \in Node : q \in suspected[p] => q \in crashed

(* Strong completeness (liveness): eventually every crashed node is        *)
(* permanently suspected by every correct node.                            *)
StrongCompleteness ==
    <>[](\A p, q \in Node : p \notin crashed /\ q \in crashed => q \in suspected[p])
=============================================================================
