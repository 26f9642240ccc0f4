----------------------------- MODULE PrimaryBackup -----------------------------
(***************************************************************************)
(* Primary-backup replication of a register (a one-key store) with epochs  *)
(* and failover, in the style of Viewstamped Replication's views (the     *)
(* primary of epoch e is fixed in advance) and of Kleppmann's notes on     *)
(* leader-based replication.                                               *)
(*                                                                         *)
(* Epoch e's primary is the e-th node of a fixed succession; the other     *)
(* nodes that have not been primary yet are its backups.  The primary      *)
(* runs one client operation at a time.  A write gets a stamp <<e, k>>     *)
(* (its epoch and its number in the epoch); the primary sends it to every  *)
(* backup of its epoch and commits it (answers the client) once all have   *)
(* acknowledged.  A read is answered from the primary's committed value,   *)
(* but only after every backup of its epoch has confirmed that it is still *)
(* in that epoch: a primary that was superseded cannot get that            *)
(* confirmation, so it cannot answer a stale read.                        *)
(*                                                                         *)
(* The next node of the succession starts the next epoch when its failure  *)
(* detector suspects the primary.  Detection is a timeout and may be       *)
(* wrong (the primary was only slow or cut off), so Failover is always     *)
(* enabled for the successor: safety must not depend on the detector, and  *)
(* its completeness (a crashed primary is eventually suspected) is a       *)
(* fairness condition.  The new primary sends its value to the new epoch's *)
(* backups (state transfer); a backup joins the epoch when it receives it, *)
(* and acknowledges nothing of an older epoch afterwards.                  *)
(*                                                                         *)
(* The network is msgs, every message ever sent: delivery is the receiver *)
(* acting on a message of msgs, so messages are delayed, reordered,        *)
(* duplicated and lost (never acted on), and a partition is a delay.  Only *)
(* a primary crashes, and only one that has a successor.                   *)
(*                                                                         *)
(* Clients send requests to a node; the primary takes them one at a time,  *)
(* a node that is not primary keeps them (the step is above this spec).    *)
(* As for the quorum register, a history variable records every operation  *)
(* and the invariants state the linearizability of the register.           *)
(*                                                                         *)
(* BUG seeds a mistake: "split-brain" answers reads from the local copy    *)
(* without the backups' confirmation, so a superseded primary still        *)
(* answers (a local read: at once, even while it runs a write);            *)
(* "ack-before-replication" answers a write as soon as it is sent *)
(* to the backups, before they acknowledged it.                            *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the nodes
    Primaries,      \* the succession as a chain of prefixes: {{n1}, {n1, n2}} (TLC's cfg has no tuples)
    MaxWrites,      \* how many writes clients make
    MaxReads,       \* how many reads clients make
    MaxCrashes,     \* how many primaries may crash
    BUG             \* "none" or the name of a seeded bug

LastEpoch == Cardinality(Primaries)

Epoch == 1..LastEpoch

(* The nodes that are primary of epoch e or of an earlier one.             *)
Prefix(e) == IF e = 0 THEN {} ELSE CHOOSE s \in Primaries : Cardinality(s) = e

PrimaryOf(e) == CHOOSE n \in Prefix(e) : n \notin Prefix(e - 1)

Backups(e) == Node \ Prefix(e)

ASSUME /\ \A e \in Epoch : \E s \in Primaries : Cardinality(s) = e
       /\ \A s, t \in Primaries : s \subseteq t \/ t \subseteq s
       /\ Prefix(LastEpoch) \subseteq Node /\ Backups(LastEpoch) # {}
       /\ MaxWrites \in Nat /\ MaxReads \in Nat /\ MaxCrashes \in Nat
       /\ BUG \in {"none", "split-brain", "ack-before-replication"}

(* A write's stamp: its epoch and its number in the epoch; <<0, 0>> is the *)
(* initial value.  Stamps are ordered by epoch, then by number.            *)
Stamp == (0..LastEpoch) \X (0..MaxWrites)

Later(a, b) == a[1] > b[1] \/ (a[1] = b[1] /\ a[2] > b[2])

AtLeast(a, b) == a = b \/ Later(a, b)

NoOp == [kind |-> "none"]

Op == {NoOp} \cup [kind : {"write"}, stamp : Stamp] \cup [kind : {"read"}, num : 1..MaxReads]

OpId == 1..(MaxWrites + MaxReads)

Message ==
         [type : {"Replicate"}, epoch : Epoch, stamp : Stamp]
    \cup [type : {"Ack"}, epoch : Epoch, stamp : Stamp, from : Node]
    \cup [type : {"Check"}, epoch : Epoch, num : 1..MaxReads]
    \cup [type : {"CheckOk"}, epoch : Epoch, num : 1..MaxReads, from : Node]
    \cup [type : {"NewEpoch"}, epoch : Epoch, stamp : Stamp]

HistoryOp == [kind : {"read", "write"}, node : Node, val : Stamp, done : BOOLEAN, after : SUBSET OpId]

VARIABLES
    epoch,          \* epoch[n]: the latest epoch n has started or joined
    store,          \* store[n]: the stamp of n's value (at a primary: its committed value)
    pending,        \* pending[n]: the operation the primary n is running, NoOp if none
    reads,          \* reads[n]: how many reads n has taken as primary (they number its Checks)
    msgs,           \* every message sent
    crashed,        \* the nodes that crashed
    history         \* every client operation so far, in invocation order

vars == <<epoch, store, pending, reads, msgs, crashed, history>>

(* n believes it is the primary: it is the primary of the latest epoch it  *)
(* knows of.  A superseded primary still believes it.                      *)
IsPrimary(n) == PrimaryOf(epoch[n]) = n

LatestEpoch == CHOOSE e \in Epoch : (\E n \in Node : epoch[n] = e) /\ \A n \in Node : epoch[n] <= e

TypeOK ==
    /\ epoch \in [Node -> Epoch]
    /\ store \in [Node -> Stamp]
    /\ pending \in [Node -> Op]
    /\ reads \in [Node -> 0..MaxReads]
    /\ msgs \subseteq Message
    /\ crashed \subseteq Node
    /\ history \in Seq(HistoryOp)

Init ==
    /\ epoch = [n \in Node |-> 1]
    /\ store = [n \in Node |-> <<0, 0>>]
    /\ pending = [n \in Node |-> NoOp]
    /\ reads = [n \in Node |-> 0]
    /\ msgs = {}
    /\ crashed = {}
    /\ history = <<>>

Count(kind) == Cardinality({i \in DOMAIN history : history[i].kind = kind})

Completed == {i \in DOMAIN history : history[i].done}

Idle(p) ==
    /\ p \notin crashed
    /\ IsPrimary(p)
    /\ pending[p] = NoOp

(* The primary p takes a client's write, stamps it and sends it to the     *)
(* backups of its epoch.                                                   *)
Write(p) ==
    /\ Idle(p)
    /\ Count("write") < MaxWrites
    /\ LET s == <<epoch[p], IF store[p][1] = epoch[p] THEN store[p][2] + 1 ELSE 1>>
       IN  /\ pending' = [pending EXCEPT ![p] = [kind |-> "write", stamp |-> s]]
           /\ history' = Append(history, [kind |-> "write", node |-> p, val |-> s,
                                          done |-> FALSE, after |-> Completed])
           /\ msgs' = msgs \cup {[type |-> "Replicate", epoch |-> epoch[p], stamp |-> s]}
    /\ UNCHANGED <<epoch, store, reads, crashed>>

(* Backup b applies a write of its epoch's primary and acknowledges it.    *)
(* It skips a write older than the value it has (reordered messages).      *)
Replicate(b) ==
    /\ b \notin crashed
    /\ ~IsPrimary(b)
    /\ \E m \in msgs :
          /\ m.type = "Replicate"
          /\ m.epoch = epoch[b]
          /\ store' = [store EXCEPT ![b] = IF Later(m.stamp, @) THEN m.stamp ELSE @]
          /\ msgs' = msgs \cup {[type |-> "Ack", epoch |-> m.epoch, stamp |-> m.stamp, from |-> b]}
    /\ UNCHANGED <<epoch, pending, reads, crashed, history>>

(* Every backup of its epoch acknowledged the primary p's write (with the  *)
(* bug: none needs to): p commits it and answers the client.               *)
Commit(p) ==
    /\ p \notin crashed
    /\ pending[p].kind = "write"
    /\ \/ BUG = "ack-before-replication"
       \/ \A b \in Backups(epoch[p]) :
             [type |-> "Ack", epoch |-> epoch[p], stamp |-> pending[p].stamp, from |-> b] \in msgs
    /\ store' = [store EXCEPT ![p] = pending[p].stamp]
    /\ pending' = [pending EXCEPT ![p] = NoOp]
    /\ history' = [i \in DOMAIN history |->
                     IF history[i].kind = "write" /\ history[i].val = pending[p].stamp
                        THEN [history[i] EXCEPT !.done = TRUE] ELSE history[i]]
    /\ UNCHANGED <<epoch, reads, msgs, crashed>>

(* The primary p takes a client's read of its committed value and asks the *)
(* backups of its epoch to confirm that the epoch is still theirs.  With   *)
(* the bug it answers at once from its local copy, even while it runs a    *)
(* write (a local read).                                                   *)
Read(p) ==
    /\ p \notin crashed
    /\ IsPrimary(p)
    /\ BUG = "split-brain" \/ pending[p] = NoOp
    /\ Count("read") < MaxReads
    /\ reads' = [reads EXCEPT ![p] = @ + 1]
    /\ IF BUG = "split-brain"
          THEN /\ history' = Append(history, [kind |-> "read", node |-> p, val |-> store[p],
                                              done |-> TRUE, after |-> Completed])
               /\ UNCHANGED <<pending, msgs>>
          ELSE /\ pending' = [pending EXCEPT ![p] = [kind |-> "read", num |-> reads[p] + 1]]
               /\ history' = Append(history, [kind |-> "read", node |-> p, val |-> store[p],
                                              done |-> FALSE, after |-> Completed])
               /\ msgs' = msgs \cup {[type |-> "Check", epoch |-> epoch[p], num |-> reads[p] + 1]}
    /\ UNCHANGED <<epoch, store, crashed>>

(* Backup b confirms a read of its epoch's primary.                        *)
ConfirmRead(b) ==
    /\ b \notin crashed
    /\ ~IsPrimary(b)
    /\ \E m \in msgs :
          /\ m.type = "Check"
          /\ m.epoch = epoch[b]
          /\ msgs' = msgs \cup {[type |-> "CheckOk", epoch |-> m.epoch, num |-> m.num, from |-> b]}
    /\ UNCHANGED <<epoch, store, pending, reads, crashed, history>>

(* Every backup of its epoch confirmed the primary p's read: p answers it. *)
AnswerRead(p) ==
    /\ p \notin crashed
    /\ pending[p].kind = "read"
    /\ \A b \in Backups(epoch[p]) :
          [type |-> "CheckOk", epoch |-> epoch[p], num |-> pending[p].num, from |-> b] \in msgs
    /\ pending' = [pending EXCEPT ![p] = NoOp]
    /\ history' = [i \in DOMAIN history |->
                     IF history[i].kind = "read" /\ history[i].node = p /\ ~history[i].done
                        THEN [history[i] EXCEPT !.done = TRUE] ELSE history[i]]
    /\ UNCHANGED <<epoch, store, reads, msgs, crashed>>

(* A primary that has a successor crashes; what it does not keep on disk   *)
(* (its operation, its count of reads) is lost.                           *)
Crash(p) ==
    /\ p \notin crashed
    /\ IsPrimary(p)
    /\ epoch[p] < LastEpoch
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {p}
    /\ pending' = [pending EXCEPT ![p] = NoOp]
    /\ reads' = [reads EXCEPT ![p] = 0]
    /\ UNCHANGED <<epoch, store, msgs, history>>

(* The failure detector of b, the next primary after its epoch's, suspects *)
(* that primary: b starts the next epoch and sends its value to the        *)
(* epoch's backups.                                                        *)
Failover(b) ==
    /\ b \notin crashed
    /\ epoch[b] < LastEpoch
    /\ PrimaryOf(epoch[b] + 1) = b
    /\ epoch' = [epoch EXCEPT ![b] = @ + 1]
    /\ msgs' = msgs \cup {[type |-> "NewEpoch", epoch |-> epoch[b] + 1, stamp |-> store[b]]}
    /\ UNCHANGED <<store, pending, reads, crashed, history>>

(* Backup n joins a newer epoch and takes its primary's value.             *)
JoinEpoch(n) ==
    /\ n \notin crashed
    /\ \E m \in msgs :
          /\ m.type = "NewEpoch"
          /\ m.epoch > epoch[n]
          /\ n \in Backups(m.epoch)
          /\ epoch' = [epoch EXCEPT ![n] = m.epoch]
          /\ store' = [store EXCEPT ![n] = m.stamp]
    /\ UNCHANGED <<pending, reads, msgs, crashed, history>>

Next ==
    \E n \in Node :
        \/ Write(n) \/ Replicate(n) \/ Commit(n)
        \/ Read(n) \/ ConfirmRead(n) \/ AnswerRead(n)
        \/ Crash(n) \/ Failover(n) \/ JoinEpoch(n)

(* Live nodes act on the messages they get, and a primary that crashed is  *)
(* eventually suspected (the detector's completeness).  Client requests    *)
(* and crashes are choices.                                                *)
Fairness ==
    \A n \in Node :
        /\ WF_vars(Replicate(n)) /\ WF_vars(Commit(n))
        /\ WF_vars(ConfirmRead(n)) /\ WF_vars(AnswerRead(n))
        /\ WF_vars(JoinEpoch(n))
        /\ WF_vars(Failover(n) /\ PrimaryOf(epoch[n]) \in crashed)

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Linearizability of the register, as in QuorumRegister, with a stamp for *)
(* a value.                                                                *)

IsRead(i) == history[i].kind = "read" /\ history[i].done

(* A read that starts after a write completed returns that write's value   *)
(* or a later one.                                                         *)
ReadSeesCompletedWrites ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : history[j].kind = "write" => AtLeast(history[i].val, history[j].val)

(* No new-old inversion between two reads, one after the other.            *)
NoNewOldInversion ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : IsRead(j) => AtLeast(history[i].val, history[j].val)

(* A primary's committed value is on every backup of its epoch that has    *)
(* not fallen behind it.                                                   *)
CommittedOnBackups ==
    \A p \in Node : IsPrimary(p) =>
        \A b \in Backups(epoch[p]) : epoch[b] >= epoch[p] => AtLeast(store[b], store[p])

(* Liveness: a live primary serves the latest epoch, and an operation that *)
(* a live primary of the latest epoch took completes.                      *)
PrimaryRestored == <>[](PrimaryOf(LatestEpoch) \notin crashed)

OpsComplete ==
    \A p \in Node : pending[p] # NoOp ~> (pending[p] = NoOp \/ p \in crashed \/ epoch[p] < LatestEpoch)
=============================================================================
