------------------------- MODULE BestEffortBroadcast -------------------------
(***************************************************************************)
(* Best-effort broadcast, after Cachin, Guerraoui and Rodrigues ("Basic    *)
(* Broadcast", Algorithm 3.1).                                             *)
(*                                                                         *)
(* To broadcast a message, a process delivers it to itself and sends one   *)
(* copy to every other process; a process delivers a copy when it          *)
(* receives it.  That is all: if the broadcaster crashes half-way, some    *)
(* processes get the message and others never do, which best-effort        *)
(* broadcast allows.  The guarantee is conditional on the sender: if it is *)
(* correct (never crashes), every correct process delivers its message.    *)
(*                                                                         *)
(* The copies of a broadcast leave one link at a time (action Send), so a  *)
(* crash can interrupt a broadcast.  The links may duplicate a message     *)
(* (at most MaxDuplicates times in a run), which is why the network is a   *)
(* bag and why a process checks a copy against what it already delivered:  *)
(* the process itself provides the "no duplication" of perfect links.      *)
(* Processes fail by crashing and never recover; a crashed process's       *)
(* unsent copies are lost, and so are the messages addressed to it.        *)
(* Copies already sent by a process that crashes still arrive.             *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags

CONSTANTS
    Node,           \* the set of processes
    MaxBroadcasts,  \* how many messages all processes together may broadcast
    MaxCrashes,     \* how many processes may crash
    MaxDuplicates   \* how many times the links may duplicate a message

VARIABLES
    sent,           \* sent[p]: how many messages p has broadcast
    outbox,         \* outbox[p]: the copies p has still to send, one link at a time
    network,        \* the bag of copies in flight
    delivered,      \* delivered[p]: the ids p has delivered, in delivery order
    crashed,        \* the processes that have crashed
    duplicates      \* how many copies the links have duplicated so far

vars == <<sent, outbox, network, delivered, crashed, duplicates>>

(* A message is identified by its sender and its position among the        *)
(* sender's broadcasts, counted from 1.                                    *)
Id == Node \X (1..MaxBroadcasts)

(* A copy of a message on the link from one process to another.            *)
Data == [from : Node, to : Node, id : Id]

Range(seq) == {seq[i] : i \in DOMAIN seq}

(* The ids of the messages broadcast so far.                               *)
Broadcasted == {<<p, k>> \in Id : k <= sent[p]}

(* The copies a process queues when it broadcasts message id.              *)
CopiesOf(p, id) == {[from |-> p, to |-> q, id |-> id] : q \in Node \ {p}}

(* The network after the copies addressed to process p are lost.           *)
WithoutCopiesTo(p) == [m \in {c \in DOMAIN network : c.to # p} |-> network[m]]

TypeOK ==
    /\ sent \in [Node -> 0..MaxBroadcasts]
    /\ outbox \in [Node -> SUBSET Data]
    /\ IsABag(network) /\ BagToSet(network) \subseteq Data
    /\ \A p \in Node : Range(delivered[p]) \subseteq Id
    /\ crashed \subseteq Node
    /\ duplicates \in 0..MaxDuplicates

Init ==
    /\ sent = [p \in Node |-> 0]
    /\ outbox = [p \in Node |-> {}]
    /\ network = EmptyBag
    /\ delivered = [p \in Node |-> <<>>]
    /\ crashed = {}
    /\ duplicates = 0

(* Process p broadcasts its next message: it delivers the message itself   *)
(* and queues a copy for every other process.                              *)
Broadcast(p) ==
    /\ p \notin crashed
    /\ Cardinality(Broadcasted) < MaxBroadcasts
    /\ LET id == <<p, sent[p] + 1>>
       IN  /\ sent' = [sent EXCEPT ![p] = @ + 1]
           /\ delivered' = [delivered EXCEPT ![p] = Append(@, id)]
           /\ outbox' = [outbox EXCEPT ![p] = @ \cup CopiesOf(p, id)]
    /\ UNCHANGED <<network, crashed, duplicates>>

(* Process p puts one queued copy on its link.  A copy sent to a crashed   *)
(* process is lost.                                                        *)
Send(p, m) ==
    /\ p \notin crashed
    /\ m \in outbox[p]
    /\ outbox' = [outbox EXCEPT ![p] = @ \ {m}]
    /\ network' = IF m.to \in crashed THEN network ELSE network (+) SetToBag({m})
    /\ UNCHANGED <<sent, delivered, crashed, duplicates>>

(* Process p receives a copy and delivers it, unless it delivered this     *)
(* message before (the copy is a duplicate).                               *)
Receive(p, m) ==
    /\ p \notin crashed
    /\ m \in BagToSet(network)
    /\ m.to = p
    /\ network' = network (-) SetToBag({m})
    /\ delivered' = IF m.id \in Range(delivered[p])
                       THEN delivered
                       ELSE [delivered EXCEPT ![p] = Append(@, m.id)]
    /\ UNCHANGED <<sent, outbox, crashed, duplicates>>

(* The links duplicate a copy in flight.                                   *)
Duplicate(m) ==
    /\ duplicates < MaxDuplicates
    /\ m \in BagToSet(network)
    /\ network' = network (+) SetToBag({m})
    /\ duplicates' = duplicates + 1
    /\ UNCHANGED <<sent, outbox, delivered, crashed>>

(* Process p crashes: its unsent copies and the copies addressed to it are *)
(* lost.                                                                   *)
Crash(p) ==
    /\ p \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ outbox' = [outbox EXCEPT ![p] = {}]
    /\ network' = WithoutCopiesTo(p)
    /\ UNCHANGED <<sent, delivered, duplicates>>

Next ==
    \/ \E p \in Node : Broadcast(p) \/ Crash(p)
    \/ \E p \in Node : \E m \in outbox[p] : Send(p, m)
    \/ \E p \in Node : \E m \in BagToSet(network) : Receive(p, m)
    \/ \E m \in BagToSet(network) : Duplicate(m)

(* A live process keeps sending what it queued and receiving what reaches  *)
(* it.  Broadcasts, crashes and duplications need no fairness: they are    *)
(* the environment's choices.                                              *)
Fairness ==
    \A p \in Node :
        /\ WF_vars(\E m \in outbox[p] : Send(p, m))
        /\ WF_vars(\E m \in BagToSet(network) : Receive(p, m))

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

(* Liveness.                                                               *)

(* Validity: if a correct process broadcasts m, every correct process      *)
(* eventually delivers m.  "Correct" is "never crashes", so the            *)
(* obligation ends when the sender crashes, and a receiver that crashes    *)
(* is excused.                                                             *)
Validity ==
    \A p \in Node, k \in 1..MaxBroadcasts :
        (k <= sent[p]) ~> (p \in crashed \/ \A q \in Node : q \in crashed \/ <<p, k>> \in Range(delivered[q]))
=============================================================================
