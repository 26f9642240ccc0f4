----------------------- MODULE UniformReliableBroadcast -----------------------
(***************************************************************************)
(* Majority-ack uniform reliable broadcast, after Cachin, Guerraoui and    *)
(* Rodrigues (Algorithm 3.5), for a system in which fewer than half of the *)
(* processes crash and there is no failure detector.                       *)
(*                                                                         *)
(* Reliable broadcast promises agreement among correct processes only: a   *)
(* process may deliver a message and crash before anyone else can get it.  *)
(* Uniform agreement also counts what crashed processes delivered, so a    *)
(* process must not deliver a message until it is sure the message will    *)
(* survive it.  Here a process delivers m only once a majority of the      *)
(* processes have passed m on (their copies are the acknowledgements):     *)
(* since fewer than half crash, some correct process holds m and relays    *)
(* it to everyone.                                                         *)
(*                                                                         *)
(* pending[p] is the set of messages p has seen and relayed; ack[p][id] is *)
(* the set of processes p knows to have relayed id, p included.            *)
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

ASSUME 2 * MaxCrashes < Cardinality(Node)

VARIABLES
    sent,           \* sent[p]: how many messages p has broadcast
    outbox,         \* outbox[p]: the copies p has still to send, one link at a time
    network,        \* the set of copies in flight
    delivered,      \* delivered[p]: the ids p has delivered, in delivery order
    crashed,        \* the processes that have crashed
    pending,        \* pending[p]: the ids p has seen and relayed
    ack             \* ack[p][id]: the processes p knows to have relayed id

vars == <<sent, outbox, network, delivered, crashed, pending, ack>>

(* A message is identified by its original sender and its position among   *)
(* that sender's broadcasts, counted from 1.                               *)
Id == Node \X (1..MaxBroadcasts)

(* A copy of message id on the link from process `from` to process `to`.   *)
Data == [from : Node, to : Node, id : Id]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<p, k>> \in Id : k <= sent[p]}

(* The copies process p queues to pass message id on to every other        *)
(* process.                                                                *)
CopiesOf(p, id) == {[from |-> p, to |-> q, id |-> id] : q \in Node \ {p}}

(* A process may deliver a message once a majority has acknowledged it.    *)
CanDeliver(acks) == 2 * Cardinality(acks) > Cardinality(Node)

(* Process p's delivery log after it learns that acks acknowledged id.     *)
DeliverIfAcked(p, id, acks) ==
    IF CanDeliver(acks) /\ id \notin Range(delivered[p])
       THEN [delivered EXCEPT ![p] = Append(@, id)]
       ELSE delivered

TypeOK ==
    /\ sent \in [Node -> 0..MaxBroadcasts]
    /\ outbox \in [Node -> SUBSET Data]
    /\ network \subseteq Data
    /\ \A p \in Node : Range(delivered[p]) \subseteq Id
    /\ crashed \subseteq Node
    /\ pending \in [Node -> SUBSET Id]
    /\ ack \in [Node -> [Id -> SUBSET Node]]

Init ==
    /\ sent = [p \in Node |-> 0]
    /\ outbox = [p \in Node |-> {}]
    /\ network = {}
    /\ delivered = [p \in Node |-> <<>>]
    /\ crashed = {}
    /\ pending = [p \in Node |-> {}]
    /\ ack = [p \in Node |-> [id \in Id |-> {}]]

(* Process p broadcasts its next message: it acknowledges the message      *)
(* itself and queues a copy for every other process.  It does not deliver  *)
(* it yet (unless it alone is a majority).                                 *)
Broadcast(p) ==
    /\ p \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<p, sent[p] + 1>>
       IN  /\ sent' = [sent EXCEPT ![p] = @ + 1]
           /\ pending' = [pending EXCEPT ![p] = @ \cup {id}]
           /\ ack' = [ack EXCEPT ![p][id] = {p}]
           /\ outbox' = [outbox EXCEPT ![p] = @ \cup CopiesOf(p, id)]
           /\ delivered' = DeliverIfAcked(p, id, {p})
    /\ UNCHANGED <<network, crashed>>

(* Process p puts one queued copy on its link.  A copy sent to a crashed   *)
(* process is lost.                                                        *)
Send(p, m) ==
    /\ p \notin crashed
    /\ m \in outbox[p]
    /\ outbox' = [outbox EXCEPT ![p] = @ \ {m}]
    /\ network' = IF m.to \in crashed THEN network ELSE network \cup {m}
    /\ UNCHANGED <<sent, delivered, crashed, pending, ack>>

(* Process p receives a copy from m.from, which counts as m.from's         *)
(* acknowledgement.  The first time p sees the message it relays it (and   *)
(* so acknowledges it itself).  Once a majority acknowledged it, p         *)
(* delivers it.                                                            *)
Receive(p, m) ==
    /\ p \notin crashed
    /\ m \in network
    /\ m.to = p
    /\ network' = network \ {m}
    /\ LET acks == ack[p][m.id] \cup {m.from, p}
       IN  /\ ack' = [ack EXCEPT ![p][m.id] = acks]
           /\ pending' = [pending EXCEPT ![p] = @ \cup {m.id}]
           /\ outbox' = IF m.id \in pending[p]
                           THEN outbox
                           ELSE [outbox EXCEPT ![p] = @ \cup CopiesOf(p, m.id)]
           /\ delivered' = DeliverIfAcked(p, m.id, acks)
    /\ UNCHANGED <<sent, crashed>>

(* Process p crashes: its unsent copies and the copies addressed to it are *)
(* lost, and so is its volatile state (pending and ack).  What it          *)
(* delivered stays delivered.                                              *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ outbox' = [outbox EXCEPT ![p] = {}]
    /\ network' = {m \in network : m.to # p}
    /\ pending' = [pending EXCEPT ![p] = {}]
    /\ ack' = [ack EXCEPT ![p] = [id \in Id |-> {}]]
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

(* A state constraint for model checking, not part of the algorithm: the   *)
(* copies in transit (queued or in flight) belong to one message at most.  *)
(* Different messages never interact in this algorithm (each has its own   *)
(* pending and ack entries), so a model can let one message's copies       *)
(* settle before the next broadcast spreads, and stay small.               *)
OneMessageInTransit ==
    Cardinality({c.id : c \in network \cup UNION {outbox[p] : p \in Node}}) <= 1

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

(* Why uniform agreement holds: whatever any process delivered, a majority *)
(* of the processes had seen and relayed; fewer than half crash, so a live *)
(* process among them still holds it and will get it to everyone.          *)
LiveProcessSawDelivered ==
    \A p \in Node : \A id \in Range(delivered[p]) :
        \E q \in Node \ crashed : id \in pending[q]

(* Liveness.  "Correct" is "never crashes".                                *)

(* Validity: a correct process delivers what it broadcasts.                *)
Validity ==
    \A p \in Node, k \in 1..MaxBroadcasts :
        (k <= sent[p]) ~> (p \in crashed \/ <<p, k>> \in Range(delivered[p]))

(* Uniform agreement: if any process delivers m, even one that crashes     *)
(* later, every correct process eventually delivers m.                     *)
UniformAgreement ==
    \A p \in Node, id \in Id :
        (id \in Range(delivered[p]))
            ~> (\A q \in Node : q \in crashed \/ id \in Range(delivered[q]))
=============================================================================
