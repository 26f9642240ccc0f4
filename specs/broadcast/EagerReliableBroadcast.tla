------------------------ MODULE EagerReliableBroadcast ------------------------
(***************************************************************************)
(* Eager reliable broadcast, after Cachin, Guerraoui and Rodrigues         *)
(* (Algorithm 3.3).                                                        *)
(*                                                                         *)
(* Best-effort broadcast loses a message when its sender crashes half-way  *)
(* through sending the copies.  The eager fix: every process that delivers *)
(* a message for the first time sends it on to every other process before  *)
(* doing anything else, so as long as one correct process delivered it,    *)
(* every correct process will.  A relay skips the processes known to have  *)
(* the message already (the sender and the process the copy came from),    *)
(* so a message costs (n - 1) + (n - 1) * (n - 2) copies.                  *)
(*                                                                         *)
(* Copies leave one link at a time (action Send), so a crash can interrupt *)
(* a broadcast or a relay.  The links are reliable but reorder.  Processes *)
(* fail by crashing; a crashed process's unsent copies are lost, and so    *)
(* are the copies addressed to it.  Copies it already sent still arrive.   *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the set of processes
    MaxBroadcasts,  \* how many messages all processes together may broadcast
    MaxCrashes      \* how many processes may crash

VARIABLES
    sent,           \* sent[p]: how many messages p has broadcast
    outbox,         \* outbox[p]: the copies p has still to send, one link at a time
    network,        \* the set of copies in flight
    delivered,      \* delivered[p]: the ids p has delivered, in delivery order
    crashed         \* the processes that have crashed

vars == <<sent, outbox, network, delivered, crashed>>

(* A message is identified by its original sender and its position among   *)
(* that sender's broadcasts, counted from 1.                               *)
Id == Node \X (1..MaxBroadcasts)

(* A copy of message id on the link from process `from` to process `to`;   *)
(* `from` is the broadcaster or a process relaying the message.            *)
Data == [from : Node, to : Node, id : Id]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<p, k>> \in Id : k <= sent[p]}

(* The copies process p queues to broadcast message id.                    *)
CopiesOf(p, id) == {[from |-> p, to |-> q, id |-> id] : q \in Node \ {p}}

(* The copies process p queues to relay copy m: to every process except    *)
(* itself, the one it got m from and m's sender, which all have m already. *)
RelaysOf(p, m) == {[from |-> p, to |-> q, id |-> m.id] : q \in Node \ {p, m.from, m.id[1]}}

TypeOK ==
    /\ sent \in [Node -> 0..MaxBroadcasts]
    /\ outbox \in [Node -> SUBSET Data]
    /\ network \subseteq Data
    /\ \A p \in Node : Range(delivered[p]) \subseteq Id
    /\ crashed \subseteq Node

Init ==
    /\ sent = [p \in Node |-> 0]
    /\ outbox = [p \in Node |-> {}]
    /\ network = {}
    /\ delivered = [p \in Node |-> <<>>]
    /\ crashed = {}

(* Process p broadcasts its next message: it delivers the message itself   *)
(* and queues a copy for every other process.                              *)
Broadcast(p) ==
    /\ p \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<p, sent[p] + 1>>
       IN  /\ sent' = [sent EXCEPT ![p] = @ + 1]
           /\ delivered' = [delivered EXCEPT ![p] = Append(@, id)]
           /\ outbox' = [outbox EXCEPT ![p] = @ \cup CopiesOf(p, id)]
    /\ UNCHANGED <<network, crashed>>

(* Process p puts one queued copy on its link.  A copy sent to a crashed   *)
(* process is lost.                                                        *)
Send(p, m) ==
    /\ p \notin crashed
    /\ m \in outbox[p]
    /\ outbox' = [outbox EXCEPT ![p] = @ \ {m}]
    /\ network' = IF m.to \in crashed THEN network ELSE network \cup {m}
    /\ UNCHANGED <<sent, delivered, crashed>>

(* Process p receives a copy.  The first time it sees the message it       *)
(* delivers it and, eagerly, relays it.                                    *)
Receive(p, m) ==
    /\ p \notin crashed
    /\ m \in network
    /\ m.to = p
    /\ network' = network \ {m}
    /\ IF m.id \in Range(delivered[p])
          THEN UNCHANGED <<delivered, outbox>>
          ELSE /\ delivered' = [delivered EXCEPT ![p] = Append(@, m.id)]
               /\ outbox' = [outbox EXCEPT ![p] = @ \cup RelaysOf(p, m)]
    /\ UNCHANGED <<sent, crashed>>

(* Process p crashes: its unsent copies and the copies addressed to it are *)
(* lost.                                                                   *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ outbox' = [outbox EXCEPT ![p] = {}]
    /\ network' = {m \in network : m.to # p}
    /\ UNCHANGED <<sent, delivered>>

Next ==
    \/ \E p \in Node : Broadcast(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in outbox[p] : Send(p, m)
    \/ \E p \in Node : \E m \in network : Receive(p, m)

(* A live process keeps sending what it queued and receiving what reaches  *)
(* it.  Broadcasts and crashes are the environment's choices.              *)
Fairness ==
    \A p \in Node :
        /\ WF_vars(\E m \in outbox[p] : Send(p, m))
        /\ WF_vars(\E m \in network : Receive(p, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Safety.                                                                 *)

(* No creation: a process delivers only messages that were broadcast.      *)
NoCreation == \A p \in Node : Range(delivered[p]) \subseteq Broadcasted

(* No duplication: a process delivers a message at most once.              *)
NoDuplication ==
    \A p \in Node : \A i, j \in DOMAIN delivered[p] :
        i # j => delivered[p][i] # delivered[p][j]

(* Liveness.  "Correct" is "never crashes": an obligation of a process     *)
(* ends when it crashes.                                                   *)

(* Validity: a correct process delivers what it broadcasts.                *)
Validity ==
    \A p \in Node, k \in 1..MaxBroadcasts :
        (k <= sent[p]) ~> (p \in crashed \/ <<p, k>> \in Range(delivered[p]))

(* Agreement: if a correct process delivers m, every correct process       *)
(* eventually delivers m.                                                  *)
Agreement ==
    \A p \in Node, id \in Id :
        (id \in Range(delivered[p]))
            ~> (p \in crashed \/ \A q \in Node : q \in crashed \/ id \in Range(delivered[q]))
=============================================================================
