------------------------ MODULE LazyReliableBroadcast ------------------------
(***************************************************************************)
(* Lazy reliable broadcast, after Cachin, Guerraoui and Rodrigues          *)
(* (Algorithm 3.2).                                                        *)
(*                                                                         *)
(* Eager reliable broadcast relays every message, just in case its sender  *)
(* crashed.  The lazy algorithm relays only when it must: each process has *)
(* a perfect failure detector, and when the detector reports that process  *)
(* q crashed, the process relays every message of q it has delivered; a    *)
(* message of an already-reported sender is relayed on delivery.  With no  *)
(* crash a message costs n - 1 copies.                                     *)
(*                                                                         *)
(* The perfect failure detector is an action of the world, DetectCrash:    *)
(* it reports to a live process a process that really crashed (strong      *)
(* accuracy), and weak fairness makes it report every crash to every live  *)
(* process eventually (strong completeness).  correct[p] is the set of     *)
(* processes p's detector has not reported, as in the book.                *)
(* (In the C# system LazyReliableBroadcast the detector is an extra node   *)
(* that, once no more crashes can happen, pings the processes and reports  *)
(* the ones that do not answer with a Crashed message; its pings and pongs *)
(* are stuttering steps of this spec, and a process receiving Crashed(q)   *)
(* is the step DetectCrash(p, q).  In LazyReliableBroadcastHeartbeat every *)
(* process runs the heartbeat detector of                                  *)
(* specs/failure-detectors/PerfectFailureDetector.tla: its heartbeats are  *)
(* stuttering steps, and the timeout at which it first misses q's answer   *)
(* is DetectCrash(p, q).)                                                  *)
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
    crashed,        \* the processes that have crashed
    correct         \* correct[p]: the processes p's failure detector has not reported

vars == <<sent, outbox, network, delivered, crashed, correct>>

(* A message is identified by its original sender and its position among   *)
(* that sender's broadcasts, counted from 1.                               *)
Id == Node \X (1..MaxBroadcasts)

(* A copy of message id on the link from process `from` to process `to`.   *)
Data == [from : Node, to : Node, id : Id]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<p, k>> \in Id : k <= sent[p]}

(* The copies process p queues to broadcast message id.                    *)
CopiesOf(p, id) == {[from |-> p, to |-> q, id |-> id] : q \in Node \ {p}}

(* The copies process p queues to relay copy m: to every process except    *)
(* itself, the one it got m from and m's sender, which all have m already. *)
RelaysOf(p, m) == {[from |-> p, to |-> q, id |-> m.id] : q \in Node \ {p, m.from, m.id[1]}}

(* The copies process p queues, when it learns that q crashed, to relay    *)
(* the messages ids of q: to every process except itself and q.            *)
RelaysOfCrashed(p, q, ids) == {[from |-> p, to |-> r, id |-> id] : r \in Node \ {p, q}, id \in ids}

TypeOK ==
    /\ sent \in [Node -> 0..MaxBroadcasts]
    /\ outbox \in [Node -> SUBSET Data]
    /\ network \subseteq Data
    /\ \A p \in Node : Range(delivered[p]) \subseteq Id
    /\ crashed \subseteq Node
    /\ correct \in [Node -> SUBSET Node]

Init ==
    /\ sent = [p \in Node |-> 0]
    /\ outbox = [p \in Node |-> {}]
    /\ network = {}
    /\ delivered = [p \in Node |-> <<>>]
    /\ crashed = {}
    /\ correct = [p \in Node |-> Node]

(* Process p broadcasts its next message: it delivers the message itself   *)
(* and queues a copy for every other process.                              *)
Broadcast(p) ==
    /\ p \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<p, sent[p] + 1>>
       IN  /\ sent' = [sent EXCEPT ![p] = @ + 1]
           /\ delivered' = [delivered EXCEPT ![p] = Append(@, id)]
           /\ outbox' = [outbox EXCEPT ![p] = @ \cup CopiesOf(p, id)]
    /\ UNCHANGED <<network, crashed, correct>>

(* Process p puts one queued copy on its link.  A copy sent to a crashed   *)
(* process is lost.                                                        *)
Send(p, m) ==
    /\ p \notin crashed
    /\ m \in outbox[p]
    /\ outbox' = [outbox EXCEPT ![p] = @ \ {m}]
    /\ network' = IF m.to \in crashed THEN network ELSE network \cup {m}
    /\ UNCHANGED <<sent, delivered, crashed, correct>>

(* Process p receives a copy.  The first time it sees the message it       *)
(* delivers it, and relays it if the message's sender has already been     *)
(* reported crashed (nobody else will relay it on that sender's behalf     *)
(* later).                                                                 *)
Receive(p, m) ==
    /\ p \notin crashed
    /\ m \in network
    /\ m.to = p
    /\ network' = network \ {m}
    /\ IF m.id \in Range(delivered[p])
          THEN UNCHANGED <<delivered, outbox>>
          ELSE /\ delivered' = [delivered EXCEPT ![p] = Append(@, m.id)]
               /\ outbox' = IF m.id[1] \in correct[p]
                               THEN outbox
                               ELSE [outbox EXCEPT ![p] = @ \cup RelaysOf(p, m)]
    /\ UNCHANGED <<sent, crashed, correct>>

(* The failure detector of process p reports that q crashed; p relays      *)
(* every message of q it has delivered, since q may have crashed before    *)
(* sending it to everyone.                                                 *)
DetectCrash(p, q) ==
    /\ p \notin crashed
    /\ q \in crashed
    /\ q \in correct[p]
    /\ correct' = [correct EXCEPT ![p] = @ \ {q}]
    /\ outbox' = [outbox EXCEPT ![p] =
                    @ \cup RelaysOfCrashed(p, q, {id \in Range(delivered[p]) : id[1] = q})]
    /\ UNCHANGED <<sent, network, delivered, crashed>>

(* Process p crashes: its unsent copies and the copies addressed to it are *)
(* lost, and so is its volatile state (here what its detector reported).   *)
(* What it delivered stays delivered.                                      *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ outbox' = [outbox EXCEPT ![p] = {}]
    /\ network' = {m \in network : m.to # p}
    /\ correct' = [correct EXCEPT ![p] = Node]
    /\ UNCHANGED <<sent, delivered>>

Next ==
    \/ \E p \in Node : Broadcast(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in outbox[p] : Send(p, m)
    \/ \E p \in Node : \E m \in network : Receive(p, m)
    \/ \E p, q \in Node : DetectCrash(p, q)

(* A live process keeps sending what it queued and receiving what reaches  *)
(* it, and its detector eventually reports every crash (strong             *)
(* completeness).  Broadcasts and crashes are the environment's choices.   *)
Fairness ==
    \A p \in Node :
        /\ WF_vars(\E m \in outbox[p] : Send(p, m))
        /\ WF_vars(\E m \in network : Receive(p, m))
        /\ WF_vars(\E q \in Node : DetectCrash(p, q))

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

(* Strong accuracy of the detector: no process is reported before it       *)
(* crashes.                                                                *)
DetectorAccuracy == \A p \in Node : Node \ correct[p] \subseteq crashed

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
