-------------------------------- MODULE Gossip --------------------------------
(***************************************************************************)
(* Push gossip with a bounded number of rounds ("infect and forward").     *)
(*                                                                         *)
(* A node that broadcasts a message delivers it and pushes it to Fanout    *)
(* peers of its choice.  A node that receives a rumor for the first time   *)
(* delivers it and, unless the rumor has already made Rounds hops, pushes  *)
(* it on to Fanout peers of its own; a rumor it has seen before is         *)
(* dropped.  Links may lose messages, and nodes may crash (for good): a    *)
(* crashed node does nothing more, and rumors addressed to it are lost.    *)
(*                                                                         *)
(* In the implementation the peers are drawn at random; here the choice is *)
(* free, so the model covers every draw.  That is also why the spec has no *)
(* delivery guarantee: an unlucky draw, or a loss, can leave a node out.   *)
(* What gossip does guarantee is safety (no creation, no duplication) and  *)
(* that it stops by itself: every rumor makes at most Rounds hops, so the  *)
(* network eventually falls silent.  How far a rumor gets is measured, not *)
(* proved: see docs/broadcast.md.                                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of nodes
    Fanout,         \* how many peers a node pushes a rumor to
    Rounds,         \* how many hops a rumor makes at most
    MaxBroadcasts,  \* how many messages all nodes together may broadcast
    MaxCrashes      \* how many nodes may crash

ASSUME Fanout \in 1..(Cardinality(Node) - 1) /\ Rounds \in Nat \ {0}

VARIABLES
    sendSeq,        \* sendSeq[n]: how many messages n has broadcast
    seen,           \* seen[n]: the ids of the rumors n has delivered
    network,        \* the set of rumors in flight
    deliveredLog,   \* deliveredLog[n]: the ids n has delivered, in order
    crashed         \* the nodes that have crashed

vars == <<sendSeq, seen, network, deliveredLog, crashed>>

Id == Node \X (1..MaxBroadcasts)

Rumor == [from : Node, to : Node, id : Id, round : 1..Rounds]

Range(seq) == {seq[i] : i \in DOMAIN seq}

Broadcasted == {<<n, k>> \in Id : k <= sendSeq[n]}

TypeOK ==
    /\ sendSeq \in [Node -> 0..MaxBroadcasts]
    /\ seen \in [Node -> SUBSET Id]
    /\ network \subseteq Rumor
    /\ \A n \in Node : Range(deliveredLog[n]) \subseteq Id
    /\ crashed \subseteq Node

Init ==
    /\ sendSeq = [n \in Node |-> 0]
    /\ seen = [n \in Node |-> {}]
    /\ network = {}
    /\ deliveredLog = [n \in Node |-> <<>>]
    /\ crashed = {}

(* The rumors node n sends when it pushes id on to the peers in `peers`;   *)
(* a rumor to a crashed peer is lost at once.                              *)
Pushes(n, peers, id, round) ==
    {[from |-> n, to |-> p, id |-> id, round |-> round] : p \in peers \ crashed}

(* Node n broadcasts a message: it delivers it and pushes it to Fanout     *)
(* peers.                                                                  *)
Broadcast(n) ==
    /\ n \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<n, sendSeq[n] + 1>>
       IN  \E peers \in SUBSET (Node \ {n}) :
              /\ Cardinality(peers) = Fanout
              /\ network' = network \cup Pushes(n, peers, id, 1)
              /\ seen' = [seen EXCEPT ![n] = @ \cup {id}]
              /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, id)]
    /\ sendSeq' = [sendSeq EXCEPT ![n] = @ + 1]
    /\ UNCHANGED crashed

(* Node n receives a rumor.  The first time it hears of the message it     *)
(* delivers it and, if the rumor has hops left, pushes it on.              *)
Receive(n, m) ==
    /\ m \in network
    /\ m.to = n
    /\ n \notin crashed
    /\ IF m.id \in seen[n]
       THEN /\ network' = network \ {m}
            /\ UNCHANGED <<seen, deliveredLog>>
       ELSE /\ seen' = [seen EXCEPT ![n] = @ \cup {m.id}]
            /\ deliveredLog' = [deliveredLog EXCEPT ![n] = Append(@, m.id)]
            /\ IF m.round < Rounds
               THEN \E peers \in SUBSET (Node \ {n}) :
                       /\ Cardinality(peers) = Fanout
                       /\ network' = (network \ {m}) \cup Pushes(n, peers, m.id, m.round + 1)
               ELSE network' = network \ {m}
    /\ UNCHANGED <<sendSeq, crashed>>

(* The network loses a rumor.                                              *)
Lose(m) ==
    /\ m \in network
    /\ network' = network \ {m}
    /\ UNCHANGED <<sendSeq, seen, deliveredLog, crashed>>

(* Node n crashes.  What it delivered stays delivered; rumors on their way *)
(* to it are lost.                                                         *)
Crash(n) ==
    /\ n \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {n}
    /\ network' = {m \in network : m.to # n}
    /\ UNCHANGED <<sendSeq, seen, deliveredLog>>

Next ==
    \/ \E n \in Node : Broadcast(n)
    \/ \E m \in network : Receive(m.to, m)
    \/ \E m \in network : Lose(m)
    \/ \E n \in Node : Crash(n)

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ WF_vars(\E m \in network : Receive(m.to, m))

-----------------------------------------------------------------------------
(* Safety *)

NoCreation == \A n \in Node : Range(deliveredLog[n]) \subseteq Broadcasted

NoDuplication ==
    \A n \in Node : \A i, j \in DOMAIN deliveredLog[n] :
        i # j => deliveredLog[n][i] # deliveredLog[n][j]

(* Every rumor in flight is at most Rounds hops from its broadcaster.      *)
BoundedRounds == \A m \in network : m.round <= Rounds

-----------------------------------------------------------------------------
(* Liveness (under FairSpec) *)

(* Gossip stops by itself: once the broadcasts are over, the network       *)
(* eventually falls silent for good.                                       *)
Quiescence == <>[](network = {})

=============================================================================
