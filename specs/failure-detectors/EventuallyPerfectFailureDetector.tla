------------------- MODULE EventuallyPerfectFailureDetector -------------------
(***************************************************************************)
(* The eventually perfect failure detector <>P under partial synchrony,    *)
(* built from heartbeats with a growing timeout: Cachin, Guerraoui and     *)
(* Rodrigues, algorithm 2.7 (Increasing Timeout).                          *)
(*                                                                         *)
(* As in the perfect detector, a node's timer fires periodically; the node *)
(* asks every other node for a heartbeat and looks at who answered since   *)
(* the last time.  It suspects a node that did not answer; a suspected     *)
(* node that did answer was suspected wrongly, so the node restores it and *)
(* waits one time unit longer from then on.                                *)
(*                                                                         *)
(* Partial synchrony: messages take arbitrarily long until the global      *)
(* stabilization time (action GST, taken once, at a time the nodes do not  *)
(* know); from then on a message is delivered within Delta time units of   *)
(* GST or of its sending, whichever is later.  Before GST a node may       *)
(* suspect live nodes; after it, once its timeout has grown past a round   *)
(* trip, it suspects exactly the crashed ones.  As in the perfect          *)
(* detector, only timers and message ages are variables, so the model is   *)
(* finite; the timeout stops growing at MaxPeriod, which the model         *)
(* chooses larger than a round trip (the algorithm needs no such bound).   *)
(*                                                                         *)
(* BUG seeds a mistake: "never-unsuspect" never restores a node it         *)
(* suspected, so a live node suspected before GST stays suspected.         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Node,           \* the nodes
    Delta,          \* the largest delay of a message after GST, in time units
    MaxPeriod,      \* the longest timeout the model lets a node grow to
    MaxCrashes,     \* how many nodes may crash
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ Delta \in Nat \ {0}
       /\ MaxPeriod \in Nat /\ MaxPeriod > 2 * Delta
       /\ MaxCrashes \in Nat
       /\ BUG \in {"none", "never-unsuspect"}

VARIABLES
    period,         \* period[p]: how long p waits for replies (grows after a wrong suspicion)
    timer,          \* timer[p]: time units until p's timer fires
    alive,          \* alive[p]: the nodes that answered p since its timer last fired
    suspected,      \* suspected[p]: the nodes p suspects
    network,        \* the messages in flight, each with its age (counted from GST)
    gst,            \* whether the global stabilization time has passed
    crashed         \* the nodes that have crashed

vars == <<period, timer, alive, suspected, network, gst, crashed>>

Message == [type : {"HeartbeatRequest", "HeartbeatReply"}, from : Node, to : Node, age : 0..Delta]

TypeOK ==
    /\ period \in [Node -> 1..MaxPeriod]
    /\ timer \in [Node -> 0..MaxPeriod]
    /\ alive \in [Node -> SUBSET Node]
    /\ suspected \in [Node -> SUBSET Node]
    /\ network \subseteq Message
    /\ gst \in BOOLEAN
    /\ crashed \subseteq Node

Init ==
    /\ period = [p \in Node |-> 1]
    /\ timer = [p \in Node |-> 0]
    /\ alive = [p \in Node |-> Node]
    /\ suspected = [p \in Node |-> {}]
    /\ network = {}
    /\ gst = FALSE
    /\ crashed = {}

Deliverable(msgs) == {m \in msgs : m.to \notin crashed}

Min(a, b) == IF a <= b THEN a ELSE b

(* What node p does when its timer fires: it suspects the nodes that did  *)
(* not answer and restores the suspected ones that did; if it suspected    *)
(* wrongly, it waits longer from now on.  Then it asks the nodes `asked`.  *)
Expire(p, asked) ==
    /\ p \notin crashed
    /\ LET others  == Node \ {p}
           wrong   == alive[p] \cap suspected[p]
           missing == others \ alive[p]
           newPeriod == IF wrong # {} THEN Min(period[p] + 1, MaxPeriod) ELSE period[p]
       IN  /\ suspected' = [suspected EXCEPT ![p] =
                 IF BUG = "never-unsuspect" THEN @ \cup missing ELSE (@ \ alive[p]) \cup missing]
           /\ period' = [period EXCEPT ![p] = newPeriod]
           /\ timer' = [timer EXCEPT ![p] = newPeriod]
           /\ network' = network \cup Deliverable(
                 {[type |-> "HeartbeatRequest", from |-> p, to |-> q, age |-> 0] : q \in asked})
    /\ alive' = [alive EXCEPT ![p] = {}]
    /\ UNCHANGED <<gst, crashed>>

(* Node p's timer fires; it asks every other node again.                   *)
Timeout(p) ==
    /\ timer[p] = 0
    /\ Expire(p, Node \ {p})

(* Node p answers a heartbeat request.                                     *)
ReceiveRequest(p, m) ==
    /\ m \in network
    /\ m.type = "HeartbeatRequest"
    /\ m.to = p
    /\ network' = (network \ {m}) \cup
          Deliverable({[type |-> "HeartbeatReply", from |-> p, to |-> m.from, age |-> 0]})
    /\ UNCHANGED <<period, timer, alive, suspected, gst, crashed>>

(* Node p receives a heartbeat reply.                                      *)
ReceiveReply(p, m) ==
    /\ m \in network
    /\ m.type = "HeartbeatReply"
    /\ m.to = p
    /\ alive' = [alive EXCEPT ![p] = @ \cup {m.from}]
    /\ network' = network \ {m}
    /\ UNCHANGED <<period, timer, suspected, gst, crashed>>

(* Node p crashes.                                                         *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ network' = {m \in network : m.to # p}
    /\ UNCHANGED <<period, timer, alive, suspected, gst>>

(* The global stabilization time: from now on links deliver within Delta.  *)
(* Messages in flight count their age from here.                           *)
GST ==
    /\ ~gst
    /\ gst' = TRUE
    /\ network' = {[m EXCEPT !.age = 0] : m \in network}
    /\ UNCHANGED <<period, timer, alive, suspected, crashed>>

(* One unit of time passes.  Live nodes take their steps on time; after    *)
(* GST no message is older than Delta, before it messages do not age.      *)
Tick ==
    /\ \A p \in Node \ crashed : timer[p] > 0
    /\ gst => \A m \in network : m.age < Delta
    /\ timer' = [p \in Node |-> IF timer[p] > 0 THEN timer[p] - 1 ELSE 0]
    /\ network' = IF gst THEN {[m EXCEPT !.age = @ + 1] : m \in network} ELSE network
    /\ UNCHANGED <<period, alive, suspected, gst, crashed>>

Next ==
    \/ Tick
    \/ GST
    \/ \E p \in Node : Timeout(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in network : ReceiveRequest(p, m)
    \/ \E p \in Node : \E m \in network : ReceiveReply(p, m)

(* Time passes, GST comes, and a live node takes the steps that are due.   *)
Fairness ==
    /\ WF_vars(Tick)
    /\ WF_vars(GST)
    /\ \A p \in Node :
          /\ WF_vars(Timeout(p))
          /\ WF_vars(\E m \in network : ReceiveRequest(p, m) \/ ReceiveReply(p, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* The explorer's runs (MCEventuallyPerfectFailureDetectorConformance.cfg). *)
(* The explorer has a clock of its own (one tick per step), which this     *)
(* spec does not observe: its runs take no Tick and no GST, and are        *)
(* checked as asynchronous runs, in which a timer may fire at any time.    *)
(* Its nodes ask a node again only once it answered the previous request   *)
(* (p's exchange with q is no longer Outstanding): this spec's network is  *)
(* a set and cannot hold two equal requests.  The conformance model        *)
(* replaces Timeout by AsynchronousTimeout.  Eventual accuracy is then the *)
(* explorer's to judge, in its heal phase, which plays GST.                *)
Outstanding(p, q) ==
    \E m \in network :
        \/ (m.type = "HeartbeatRequest" /\ m.from = p /\ m.to = q)
        \/ (m.type = "HeartbeatReply" /\ m.from = q /\ m.to = p)

AsynchronousTimeout(p) == Expire(p, {q \in Node \ {p} : ~Outstanding(p, q)})

-----------------------------------------------------------------------------
(* Strong completeness: eventually every crashed node is permanently       *)
(* suspected by every correct node.                                        *)
StrongCompleteness ==
    <>[](\A p, q \in Node : p \notin crashed /\ q \in crashed => q \in suspected[p])

(* Eventual strong accuracy: eventually no correct node is suspected by    *)
(* any correct node.                                                       *)
EventualStrongAccuracy ==
    <>[](\A p, q \in Node : p \notin crashed /\ q \notin crashed => q \notin suspected[p])

(* What is already true before GST: a node suspects only other nodes.      *)
NoSelfSuspicion == \A p \in Node : p \notin suspected[p]
=============================================================================
