--------------------------- MODULE RicartAgrawala ---------------------------
(***************************************************************************)
(* Mutual exclusion by message passing: Ricart and Agrawala's algorithm    *)
(* (1981) with Lamport clocks.                                             *)
(*                                                                         *)
(* A node that wants the critical section stamps a request with its        *)
(* Lamport clock and sends it to every other node; it enters when every    *)
(* other node has replied.  A node that receives a request replies at      *)
(* once unless it is in the critical section or wants it with an earlier   *)
(* request; then it defers the reply until it leaves.  "Earlier" is the    *)
(* total order on <<timestamp, node id>>: two requests with the same       *)
(* timestamp are ordered by their nodes' ids.  TLC's model files have no   *)
(* tuples, so the order of the ids is given as a chain of sets: IdPrefixes *)
(* = {{n1}, {n1, n2}, {n1, n2, n3}} says n1 comes first, then n2, then n3. *)
(*                                                                         *)
(* Links are reliable and reorder; nodes do not crash (the algorithm needs *)
(* a reply from every node, so one crash blocks every later request).      *)
(* Each node asks for the critical section at most MaxRequests times,      *)
(* which bounds the clocks and so the model.                               *)
(*                                                                         *)
(* BUG seeds a mistake: "none" is the algorithm; "no-tie-break" compares   *)
(* timestamps alone, so of two requests with the same timestamp neither    *)
(* node defers to the other (both enter); "defer-on-tie" compares them     *)
(* alone and counts a tie as earlier, so each defers the other (neither    *)
(* enters); "reply-in-critical" replies at once while in the critical      *)
(* section; "no-clock-update" leaves the clock as it is when a request     *)
(* arrives.                                                                *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Node,           \* the nodes
    IdPrefixes,     \* the nodes in the order of their ids, as a chain of prefixes
    MaxRequests,    \* how many times each node may ask for the critical section
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ IdPrefixes \subseteq SUBSET Node
       /\ {Cardinality(s) : s \in IdPrefixes} = 1..Cardinality(Node)
       /\ \A s, t \in IdPrefixes : s \subseteq t \/ t \subseteq s
       /\ MaxRequests \in Nat
       /\ BUG \in {"none", "no-tie-break", "defer-on-tie", "reply-in-critical", "no-clock-update"}

VARIABLES
    clock,          \* clock[p]: p's Lamport clock
    state,          \* state[p]: "idle", "wanting" or "critical"
    requestTime,    \* requestTime[p]: the timestamp of p's current (or last) request
    requests,       \* requests[p]: how many times p has asked
    replied,        \* replied[p]: the nodes that replied to p's current request
    deferred,       \* deferred[p]: the nodes whose requests p answers when it leaves
    network         \* the messages in flight

vars == <<clock, state, requestTime, requests, replied, deferred, network>>

(* Node p's id: 1 for the first node, and so on.                           *)
Id(p) == Cardinality({s \in IdPrefixes : p \notin s}) + 1

Max(a, b) == IF a >= b THEN a ELSE b

(* The largest clock value the model can reach: every event ticks once.    *)
MaxClock == Cardinality(Node) * MaxRequests * (2 * Cardinality(Node) + 1)

Message ==
         [type : {"Request"}, from : Node, to : Node, time : 0..MaxClock]
    \cup [type : {"Reply"}, from : Node, to : Node]

(* Request <<t1, p>> comes before request <<t2, q>>.                       *)
Earlier(t1, p, t2, q) ==
    CASE BUG = "no-tie-break" -> t1 < t2
      [] BUG = "defer-on-tie" -> t1 <= t2
      [] OTHER                -> t1 < t2 \/ (t1 = t2 /\ Id(p) < Id(q))

TypeOK ==
    /\ clock \in [Node -> 0..MaxClock]
    /\ state \in [Node -> {"idle", "wanting", "critical"}]
    /\ requestTime \in [Node -> 0..MaxClock]
    /\ requests \in [Node -> 0..MaxRequests]
    /\ replied \in [Node -> SUBSET Node]
    /\ deferred \in [Node -> SUBSET Node]
    /\ network \subseteq Message

Init ==
    /\ clock = [p \in Node |-> 0]
    /\ state = [p \in Node |-> "idle"]
    /\ requestTime = [p \in Node |-> 0]
    /\ requests = [p \in Node |-> 0]
    /\ replied = [p \in Node |-> {}]
    /\ deferred = [p \in Node |-> {}]
    /\ network = {}

(* Node p asks for the critical section: it ticks its clock, stamps its    *)
(* request with it and sends the request to every other node.              *)
Request(p) ==
    /\ state[p] = "idle"
    /\ requests[p] < MaxRequests
    /\ clock' = [clock EXCEPT ![p] = @ + 1]
    /\ requestTime' = [requestTime EXCEPT ![p] = clock[p] + 1]
    /\ requests' = [requests EXCEPT ![p] = @ + 1]
    /\ state' = [state EXCEPT ![p] = "wanting"]
    /\ replied' = [replied EXCEPT ![p] = {}]
    /\ network' = network \cup
          {[type |-> "Request", from |-> p, to |-> q, time |-> clock[p] + 1] : q \in Node \ {p}}
    /\ UNCHANGED deferred

(* Node p receives request m.  It defers its reply while it is in the      *)
(* critical section or wants it with an earlier request; otherwise it      *)
(* replies at once.                                                        *)
ReceiveRequest(p, m) ==
    /\ m \in network
    /\ m.type = "Request"
    /\ m.to = p
    /\ clock' = [clock EXCEPT ![p] = IF BUG = "no-clock-update" THEN @ ELSE Max(@, m.time) + 1]
    /\ IF \/ state[p] = "critical" /\ BUG # "reply-in-critical"
          \/ state[p] = "wanting" /\ Earlier(requestTime[p], p, m.time, m.from)
          THEN /\ deferred' = [deferred EXCEPT ![p] = @ \cup {m.from}]
               /\ network' = network \ {m}
          ELSE /\ network' = (network \ {m}) \cup {[type |-> "Reply", from |-> p, to |-> m.from]}
               /\ UNCHANGED deferred
    /\ UNCHANGED <<state, requestTime, requests, replied>>

(* Node p receives a reply to its request.                                 *)
ReceiveReply(p, m) ==
    /\ m \in network
    /\ m.type = "Reply"
    /\ m.to = p
    /\ replied' = [replied EXCEPT ![p] = @ \cup {m.from}]
    /\ network' = network \ {m}
    /\ UNCHANGED <<clock, state, requestTime, requests, deferred>>

(* Node p has a reply from every other node and enters.                    *)
Enter(p) ==
    /\ state[p] = "wanting"
    /\ replied[p] = Node \ {p}
    /\ state' = [state EXCEPT ![p] = "critical"]
    /\ UNCHANGED <<clock, requestTime, requests, replied, deferred, network>>

(* Node p leaves and answers every request it deferred.                    *)
Exit(p) ==
    /\ state[p] = "critical"
    /\ state' = [state EXCEPT ![p] = "idle"]
    /\ network' = network \cup {[type |-> "Reply", from |-> p, to |-> q] : q \in deferred[p]}
    /\ deferred' = [deferred EXCEPT ![p] = {}]
    /\ UNCHANGED <<clock, requestTime, requests, replied>>

Next ==
    \/ \E p \in Node : Request(p) \/ Enter(p) \/ Exit(p)
    \/ \E p \in Node : \E m \in network : ReceiveRequest(p, m)
    \/ \E p \in Node : \E m \in network : ReceiveReply(p, m)

(* Nodes receive what reaches them, enter when they may and leave the      *)
(* critical section; asking is the application's choice.                   *)
Fairness ==
    \A p \in Node :
        /\ WF_vars(\E m \in network : ReceiveRequest(p, m) \/ ReceiveReply(p, m))
        /\ WF_vars(Enter(p))
        /\ WF_vars(Exit(p))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Safety: at most one node is in the critical section.                    *)
MutualExclusion == \A p, q \in Node : state[p] = "critical" /\ state[q] = "critical" => p = q

(* Liveness: no starvation.  A node that asks eventually enters.           *)
NoStarvation == \A p \in Node : state[p] = "wanting" ~> state[p] = "critical"
=============================================================================
