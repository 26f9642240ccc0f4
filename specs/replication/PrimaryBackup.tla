----------------------------- MODULE PrimaryBackup -----------------------------
(***************************************************************************)
(* Primary-backup replication of a register (a one-key store) with leases  *)
(* and failover, in the style of a view service (the configuration service *)
(* of Lampson's and of MIT 6.824's primary-backup; Kleppmann's notes on    *)
(* leader-based replication).                                              *)
(*                                                                         *)
(* A configuration (an epoch) names a primary and its backups.  The        *)
(* primary takes a client's write, sends it to every backup of its epoch   *)
(* and commits it (answers the client) once all have acknowledged.  It     *)
(* answers reads from its committed value, but only while it holds a       *)
(* lease: the backups grant it for LeaseTerm time units and promise not to *)
(* support another primary before it runs out.  When the primary fails     *)
(* (it crashes, or a partition isolates it from the backups), the          *)
(* configuration service moves to a new epoch whose primary is a backup,   *)
(* but only after every backup's grant has run out: by then the old        *)
(* primary's lease has too, so two primaries never both answer reads.      *)
(*                                                                         *)
(* Clocks run at the same rate everywhere (action Tick); the model keeps   *)
(* only how much of each lease is left, so it is finite.  Only the primary *)
(* fails, at most MaxFaults times (a failed backup would need the same     *)
(* reconfiguration without the lease wait).  An isolated primary keeps     *)
(* running and clients on its side of the partition still reach it; what   *)
(* it sends is lost.  Messages between the others are never lost.          *)
(*                                                                         *)
(* One client writes: its k-th write writes the value k, and it starts a   *)
(* write only when the previous one completed or is stuck at a failed      *)
(* primary.  Clients read at any node that believes it is the primary.     *)
(* As for the quorum register, a history variable records every operation  *)
(* and the invariants state the linearizability of the register.           *)
(*                                                                         *)
(* BUG seeds a mistake: "split-brain" answers reads without checking the   *)
(* lease, so an isolated old primary answers after the new primary         *)
(* committed a write.                                                      *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Node,           \* the nodes
    InitialPrimary, \* the primary of the first epoch
    LeaseTerm,      \* how long a lease lasts, in time units
    MaxWrites,      \* how many writes the client makes
    MaxReads,       \* how many reads clients make in all
    MaxFaults,      \* how many times the primary may fail
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ InitialPrimary \in Node
       /\ LeaseTerm \in Nat \ {0}
       /\ MaxWrites \in Nat /\ MaxReads \in Nat /\ MaxFaults \in Nat
       /\ MaxFaults < Cardinality(Node)
       /\ BUG \in {"none", "split-brain"}

Value == 0..MaxWrites

Epoch == 1..(MaxFaults + 1)

OpId == 1..(MaxWrites + MaxReads)

Message ==
         [type : {"Replicate"}, epoch : Epoch, val : Value]
    \cup [type : {"Ack"}, epoch : Epoch, val : Value, from : Node]

Op == [kind : {"read", "write"}, node : Node, val : Value, done : BOOLEAN, after : SUBSET OpId]

VARIABLES
    config,         \* the configuration service: [epoch, primary, backups] of the latest epoch
    epoch,          \* epoch[n]: the epoch node n is in
    role,           \* role[n]: "primary" or "backup" in that epoch
    store,          \* store[n]: n's value (at the primary: the committed value)
    pending,        \* pending[n]: the write the primary n is replicating, 0 if none
    lease,          \* lease[n]: how long the lease the primary n holds still lasts
    granted,        \* granted[n]: how long the lease backup n granted still lasts
    msgs,           \* the messages in the network
    crashed,        \* the nodes that crashed
    isolated,       \* the nodes a partition cut off
    history         \* every client operation so far, in invocation order

vars == <<config, epoch, role, store, pending, lease, granted, msgs, crashed, isolated, history>>

Failed == crashed \cup isolated

TypeOK ==
    /\ config \in [epoch : Epoch, primary : Node, backups : SUBSET Node]
    /\ epoch \in [Node -> Epoch]
    /\ role \in [Node -> {"primary", "backup"}]
    /\ store \in [Node -> Value]
    /\ pending \in [Node -> Value]
    /\ lease \in [Node -> 0..LeaseTerm]
    /\ granted \in [Node -> 0..LeaseTerm]
    /\ msgs \subseteq Message
    /\ crashed \subseteq Node /\ isolated \subseteq Node
    /\ history \in Seq(Op)

Init ==
    /\ config = [epoch |-> 1, primary |-> InitialPrimary, backups |-> Node \ {InitialPrimary}]
    /\ epoch = [n \in Node |-> 1]
    /\ role = [n \in Node |-> IF n = InitialPrimary THEN "primary" ELSE "backup"]
    /\ store = [n \in Node |-> 0]
    /\ pending = [n \in Node |-> 0]
    /\ lease = [n \in Node |-> 0]
    /\ granted = [n \in Node |-> 0]
    /\ msgs = {}
    /\ crashed = {}
    /\ isolated = {}
    /\ history = <<>>

(* A node that is isolated sends nothing that arrives.                     *)
Send(n, m) == msgs' = IF n \in isolated THEN msgs ELSE msgs \cup {m}

Count(kind) == Cardinality({i \in DOMAIN history : history[i].kind = kind})

Completed == {i \in DOMAIN history : history[i].done}

(* The backups of the primary n's epoch: those of the latest epoch if n is *)
(* its primary (an older primary's backups have all moved on).             *)
BackupsOf(n) == IF epoch[n] = config.epoch THEN config.backups ELSE {}

(* The primary p takes the client's next write and sends it to its         *)
(* backups.  The client writes again only once its last write completed or *)
(* is stuck at a failed primary.                                           *)
Write(p) ==
    /\ p \notin crashed
    /\ role[p] = "primary"
    /\ pending[p] = 0
    /\ Count("write") < MaxWrites
    /\ \A i \in DOMAIN history :
          history[i].kind = "write" /\ ~history[i].done => history[i].node \in Failed
    /\ LET v == Count("write") + 1
       IN  /\ pending' = [pending EXCEPT ![p] = v]
           /\ history' = Append(history, [kind |-> "write", node |-> p, val |-> v,
                                          done |-> FALSE, after |-> Completed])
           /\ Send(p, [type |-> "Replicate", epoch |-> epoch[p], val |-> v])
    /\ UNCHANGED <<config, epoch, role, store, lease, granted, crashed, isolated>>

(* Backup b applies a write of its epoch's primary and acknowledges it.    *)
(* A write's value is its sequence number, so a backup skips a write that  *)
(* arrives after a later one.                                              *)
Replicate(b, m) ==
    /\ b \notin Failed
    /\ m \in msgs
    /\ m.type = "Replicate"
    /\ role[b] = "backup"
    /\ m.epoch = epoch[b]
    /\ store' = [store EXCEPT ![b] = IF m.val > @ THEN m.val ELSE @]
    /\ Send(b, [type |-> "Ack", epoch |-> m.epoch, val |-> m.val, from |-> b])
    /\ UNCHANGED <<config, epoch, role, pending, lease, granted, crashed, isolated, history>>

(* Every backup has acknowledged the primary p's write: p commits it and   *)
(* answers the client.                                                     *)
Commit(p) ==
    /\ p \notin Failed
    /\ role[p] = "primary"
    /\ pending[p] # 0
    /\ epoch[p] = config.epoch
    /\ \A b \in BackupsOf(p) :
          [type |-> "Ack", epoch |-> epoch[p], val |-> pending[p], from |-> b] \in msgs
    /\ store' = [store EXCEPT ![p] = pending[p]]
    /\ pending' = [pending EXCEPT ![p] = 0]
    /\ history' = [i \in DOMAIN history |->
                     IF history[i].kind = "write" /\ history[i].val = pending[p]
                        THEN [history[i] EXCEPT !.done = TRUE] ELSE history[i]]
    /\ UNCHANGED <<config, epoch, role, lease, granted, msgs, crashed, isolated>>

(* The primary p answers a read from its committed value, while its lease  *)
(* lasts.                                                                  *)
Read(p) ==
    /\ p \notin crashed
    /\ role[p] = "primary"
    /\ BUG = "split-brain" \/ lease[p] > 0
    /\ Count("read") < MaxReads
    /\ history' = Append(history, [kind |-> "read", node |-> p, val |-> store[p],
                                   done |-> TRUE, after |-> Completed])
    /\ UNCHANGED <<config, epoch, role, store, pending, lease, granted, msgs, crashed, isolated>>

(* The primary p renews its lease: the backups of its epoch grant it for   *)
(* LeaseTerm from now (request and grants are one step here).              *)
RenewLease(p) ==
    /\ p \notin Failed
    /\ role[p] = "primary"
    /\ epoch[p] = config.epoch
    /\ lease' = [lease EXCEPT ![p] = LeaseTerm]
    /\ granted' = [n \in Node |-> IF n \in config.backups THEN LeaseTerm ELSE granted[n]]
    /\ UNCHANGED <<config, epoch, role, store, pending, msgs, crashed, isolated, history>>

(* The primary p crashes.                                                  *)
Crash(p) ==
    /\ p = config.primary
    /\ p \notin Failed
    /\ config.epoch <= MaxFaults
    /\ crashed' = crashed \cup {p}
    /\ UNCHANGED <<config, epoch, role, store, pending, lease, granted, msgs, isolated, history>>

(* A partition cuts the primary p off from the backups.                    *)
Isolate(p) ==
    /\ p = config.primary
    /\ p \notin Failed
    /\ config.epoch <= MaxFaults
    /\ isolated' = isolated \cup {p}
    /\ UNCHANGED <<config, epoch, role, store, pending, lease, granted, msgs, crashed, history>>

(* The configuration service moves to a new epoch with backup b as its     *)
(* primary: the primary failed (a failure detector told it), and the       *)
(* lease every backup granted has run out.  The new primary brings its     *)
(* backups to its own value before the epoch starts (state transfer, one   *)
(* step here), so that a later failover cannot lose what it served.        *)
Failover(b) ==
    /\ config.primary \in Failed
    /\ b \in config.backups
    /\ \A n \in config.backups : granted[n] = 0
    /\ config' = [epoch |-> config.epoch + 1, primary |-> b, backups |-> config.backups \ {b}]
    /\ epoch' = [n \in Node |-> IF n \in config.backups THEN config.epoch + 1 ELSE epoch[n]]
    /\ role' = [n \in Node |-> IF n = b THEN "primary"
                              ELSE IF n \in config.backups THEN "backup" ELSE role[n]]
    /\ store' = [n \in Node |-> IF n \in config.backups THEN store[b] ELSE store[n]]
    /\ UNCHANGED <<pending, lease, granted, msgs, crashed, isolated, history>>

(* One unit of time passes on every clock.                                 *)
Tick ==
    /\ \E n \in Node : lease[n] > 0 \/ granted[n] > 0
    /\ lease' = [n \in Node |-> IF lease[n] > 0 THEN lease[n] - 1 ELSE 0]
    /\ granted' = [n \in Node |-> IF granted[n] > 0 THEN granted[n] - 1 ELSE 0]
    /\ UNCHANGED <<config, epoch, role, store, pending, msgs, crashed, isolated, history>>

Next ==
    \/ Tick
    \/ \E n \in Node : Write(n) \/ Commit(n) \/ Read(n) \/ RenewLease(n)
    \/ \E n \in Node : Crash(n) \/ Isolate(n) \/ Failover(n)
    \/ \E n \in Node : \E m \in msgs : Replicate(n, m)

(* Time passes, the configuration service replaces a failed primary, and   *)
(* live nodes replicate and commit.  Client requests, renewals and         *)
(* failures are choices.                                                   *)
Fairness ==
    /\ WF_vars(Tick)
    /\ \A n \in Node :
          /\ WF_vars(Failover(n))
          /\ WF_vars(Commit(n))
          /\ WF_vars(\E m \in msgs : Replicate(n, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Linearizability of the register, as in QuorumRegister.                  *)

IsRead(i) == history[i].kind = "read" /\ history[i].done

(* A read that starts after a write completed returns that write's value   *)
(* or a later one.                                                         *)
ReadSeesCompletedWrites ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : history[j].kind = "write" => history[i].val >= history[j].val

(* No new-old inversion between two reads, one after the other.            *)
NoNewOldInversion ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : IsRead(j) => history[i].val >= history[j].val

(* The lease: at most one node holds a lease that has not run out.         *)
OneLeaseholder == \A p, q \in Node : lease[p] > 0 /\ lease[q] > 0 => p = q

(* Liveness: after a failure, a live primary of the latest epoch serves    *)
(* again, and a write a live primary took completes.                       *)
PrimaryRestored == <>[](config.primary \notin Failed)

WritesComplete == \A p \in Node : pending[p] # 0 ~> (pending[p] = 0 \/ p \in Failed)
=============================================================================
