---------------------------- MODULE QuorumRegister ----------------------------
(***************************************************************************)
(* A read/write register replicated on a set of nodes with quorums, as in  *)
(* Kleppmann's Cambridge notes: first the naive register whose reads and   *)
(* writes each wait for a quorum (r + w > n, so a read quorum meets every  *)
(* write quorum), then ABD (Attiya, Bar-Noy and Dolev 1995), whose read    *)
(* writes the value it returns back to a quorum before returning it.       *)
(*                                                                         *)
(* One client node writes (the single-writer register of ABD); its k-th    *)
(* write writes the value k, so a value is its own timestamp and replicas  *)
(* keep the larger of what they have and what they are sent.  Reader       *)
(* client nodes read.  A client sends its request to every replica and    *)
(* finishes a phase when a quorum has answered; a read returns the largest *)
(* value among the answers.  The network is the set msgs: messages are delayed, reordered  *)
(* and duplicated, never lost, except that a client discards the answers   *)
(* (and its read request) once it has finished a phase, since nothing can  *)
(* depend on them any more; that keeps the model small.  Replicas fail by  *)
(* crashing (a minority of them, so that quorums stay available).  For     *)
(* safety a crashed replica is only a slow one, so the safety models have  *)
(* no crash.                                                               *)
(*                                                                         *)
(* The naive register is not linearizable: while a write is in progress,   *)
(* one read can see the new value and a later read the old one.  The       *)
(* history variable records every operation and which operations had       *)
(* completed when it started, and the invariants state linearizability of  *)
(* a single-writer register as Lamport's conditions for an atomic register *)
(* ("On interprocess communication", 1986): ReadSeesCompletedWrites and    *)
(* NoNewOldInversion.                                                      *)
(*                                                                         *)
(* Algorithm is "naive" or "abd".  BUG seeds a mistake into ABD:           *)
(* "skip-write-back" returns as soon as it sent the write-back, without    *)
(* waiting for a quorum to store it; "read-below-quorum" finishes the read *)
(* phase with the answer of a single replica.                              *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Replica,        \* the replica nodes
    Writer,         \* the client node that writes
    Reader,         \* the client nodes that read
    MaxWrites,      \* how many writes the writer makes
    MaxReads,       \* how many reads the readers make in all
    MaxCrashes,     \* how many replicas may crash (a minority)
    Algorithm,      \* "naive" or "abd"
    BUG             \* "none" or the name of a seeded bug

ASSUME /\ Writer \notin Replica /\ Reader \cap (Replica \cup {Writer}) = {}
       /\ MaxWrites \in Nat /\ MaxReads \in Nat
       /\ 2 * MaxCrashes < Cardinality(Replica)
       /\ Algorithm \in {"naive", "abd"}
       /\ BUG \in {"none", "skip-write-back", "read-below-quorum"}
       /\ Algorithm = "naive" => BUG = "none"

Client == {Writer} \cup Reader

Value == 0..MaxWrites

OpId == 1..(MaxWrites + MaxReads)

(* Any majority of the replicas.                                           *)
IsQuorum(Q) == 2 * Cardinality(Q) > Cardinality(Replica)

(* How many answers end a read's first phase.                              *)
IsReadQuorum(Q) == IF BUG = "read-below-quorum" THEN Cardinality(Q) = 1 ELSE IsQuorum(Q)

Message ==
         [type : {"Write"}, op : OpId, val : Value]
    \cup [type : {"WriteAck"}, op : OpId, from : Replica]
    \cup [type : {"Read"}, op : OpId]
    \cup [type : {"ReadReply"}, op : OpId, from : Replica, val : Value]

(* An operation of the history: who invoked it, a read or a write, its     *)
(* value (a read's once it is known), whether it completed, and the        *)
(* operations that had completed when it was invoked.                      *)
Op == [client : Client, kind : {"read", "write"}, val : Value, done : BOOLEAN, after : SUBSET OpId]

VARIABLES
    store,          \* store[r]: the value replica r holds
    phase,          \* phase[c]: "idle", "write", "read" or "write-back"
    current,        \* current[c]: the history index of c's operation in progress
    history,        \* every operation invoked so far, in invocation order
    msgs,           \* the messages in the network
    crashed         \* the replicas that have crashed

vars == <<store, phase, current, history, msgs, crashed>>

TypeOK ==
    /\ store \in [Replica -> Value]
    /\ phase \in [Client -> {"idle", "write", "read", "write-back"}]
    /\ current \in [Client -> 0..(MaxWrites + MaxReads)]
    /\ history \in Seq(Op)
    /\ msgs \subseteq Message
    /\ crashed \subseteq Replica

Init ==
    /\ store = [r \in Replica |-> 0]
    /\ phase = [c \in Client |-> "idle"]
    /\ current = [c \in Client |-> 0]
    /\ history = <<>>
    /\ msgs = {}
    /\ crashed = {}

Send(m) == msgs' = msgs \cup {m}

Count(kind) == Cardinality({i \in DOMAIN history : history[i].kind = kind})

Completed == {i \in DOMAIN history : history[i].done}

(* Client c invokes an operation: it is appended to the history.           *)
Invoke(c, kind, val) ==
    /\ history' = Append(history, [client |-> c, kind |-> kind, val |-> val,
                                   done |-> FALSE, after |-> Completed])
    /\ current' = [current EXCEPT ![c] = Len(history) + 1]

(* Client c's operation in progress completes, with value val.             *)
Complete(c, val) ==
    /\ history' = [history EXCEPT ![current[c]].done = TRUE, ![current[c]].val = val]
    /\ phase' = [phase EXCEPT ![c] = "idle"]

(* The writer starts its next write.                                       *)
StartWrite(c) ==
    /\ c = Writer
    /\ phase[c] = "idle"
    /\ Count("write") < MaxWrites
    /\ Invoke(c, "write", Count("write") + 1)
    /\ phase' = [phase EXCEPT ![c] = "write"]
    /\ Send([type |-> "Write", op |-> Len(history) + 1, val |-> Count("write") + 1])
    /\ UNCHANGED <<store, crashed>>

(* The writer's write (or a reader's write-back) has been stored by a      *)
(* quorum.                                                                 *)
FinishWrite(c) ==
    /\ phase[c] \in {"write", "write-back"}
    /\ \E Q \in SUBSET Replica :
          /\ IsQuorum(Q)
          /\ \A r \in Q : [type |-> "WriteAck", op |-> current[c], from |-> r] \in msgs
    /\ Complete(c, history[current[c]].val)
    /\ msgs' = {m \in msgs : ~(m.type = "WriteAck" /\ m.op = current[c])}
    /\ UNCHANGED <<store, current, crashed>>

(* A reader starts a read.                                                 *)
StartRead(c) ==
    /\ c \in Reader
    /\ phase[c] = "idle"
    /\ Count("read") < MaxReads
    /\ Invoke(c, "read", 0)
    /\ phase' = [phase EXCEPT ![c] = "read"]
    /\ Send([type |-> "Read", op |-> Len(history) + 1])
    /\ UNCHANGED <<store, crashed>>

(* Enough replicas answered the read: its value is the largest among the   *)
(* answers.  The naive register returns it; ABD first writes it back.      *)
FinishRead(c) ==
    /\ phase[c] = "read"
    /\ \E Q \in SUBSET Replica :
          LET answers == {m \in msgs : m.type = "ReadReply" /\ m.op = current[c] /\ m.from \in Q}
              val     == CHOOSE v \in {m.val : m \in answers} : \A m \in answers : m.val <= v
          IN  /\ IsReadQuorum(Q)
              /\ \A r \in Q : \E m \in answers : m.from = r
              /\ LET done == {m \in msgs : m.type \in {"Read", "ReadReply"} /\ m.op = current[c]}
                     writeBack == [type |-> "Write", op |-> current[c], val |-> val]
                 IN  msgs' = IF Algorithm = "naive" THEN msgs \ done ELSE (msgs \ done) \cup {writeBack}
              /\ IF Algorithm = "naive"
                    THEN Complete(c, val)
                    ELSE /\ IF BUG = "skip-write-back"
                               THEN Complete(c, val)
                               ELSE /\ history' = [history EXCEPT ![current[c]].val = val]
                                    /\ phase' = [phase EXCEPT ![c] = "write-back"]
    /\ UNCHANGED <<store, current, crashed>>

(* The operation op still waits for answers in the given phase.            *)
Waiting(op, ph) == \E c \in Client : current[c] = op /\ phase[c] = ph

(* Replica r stores a written value if it is newer than its own, and       *)
(* acknowledges it (once; an acknowledgement that comes after the writer   *)
(* finished is discarded).                                                 *)
ReplicaWrite(r, m) ==
    /\ r \notin crashed
    /\ m \in msgs
    /\ m.type = "Write"
    /\ [type |-> "WriteAck", op |-> m.op, from |-> r] \notin msgs
    /\ store' = [store EXCEPT ![r] = IF m.val > @ THEN m.val ELSE @]
    /\ IF Waiting(m.op, "write") \/ Waiting(m.op, "write-back")
          THEN Send([type |-> "WriteAck", op |-> m.op, from |-> r])
          ELSE UNCHANGED msgs
    /\ UNCHANGED <<phase, current, history, crashed>>

(* Replica r answers a read with its value (once).                         *)
ReplicaRead(r, m) ==
    /\ r \notin crashed
    /\ m \in msgs
    /\ m.type = "Read"
    /\ ~\E a \in msgs : a.type = "ReadReply" /\ a.op = m.op /\ a.from = r
    /\ Send([type |-> "ReadReply", op |-> m.op, from |-> r, val |-> store[r]])
    /\ UNCHANGED <<store, phase, current, history, crashed>>

(* Replica r crashes.                                                      *)
Crash(r) ==
    /\ r \notin crashed
    /\ Cardinality(crashed) < MaxCrashes
    /\ crashed' = crashed \cup {r}
    /\ UNCHANGED <<store, phase, current, history, msgs>>

Next ==
    \/ \E c \in Client : StartWrite(c) \/ StartRead(c) \/ FinishRead(c) \/ FinishWrite(c)
    \/ \E r \in Replica : \E m \in msgs : ReplicaWrite(r, m)
    \/ \E r \in Replica : \E m \in msgs : ReplicaRead(r, m)
    \/ \E r \in Replica : Crash(r)

(* Live replicas answer and live clients finish their phases; starting an  *)
(* operation and crashing are choices.                                     *)
Fairness ==
    /\ \A c \in Client : WF_vars(FinishRead(c)) /\ WF_vars(FinishWrite(c))
    /\ \A r \in Replica : WF_vars(\E m \in msgs : ReplicaWrite(r, m) \/ ReplicaRead(r, m))

Spec == Init /\ [][Next]_vars

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Linearizability of a single-writer register, on the history.            *)

IsRead(i) == history[i].kind = "read" /\ history[i].done

(* A read that starts after a write completed returns that write's value   *)
(* or a later one.                                                         *)
ReadSeesCompletedWrites ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : history[j].kind = "write" => history[i].val >= history[j].val

(* No new-old inversion: a read that starts after another read completed   *)
(* returns the same value or a later one.                                  *)
NoNewOldInversion ==
    \A i \in DOMAIN history : IsRead(i) =>
        \A j \in history[i].after : IsRead(j) => history[i].val >= history[j].val

(* A read returns the initial value or a value whose write has started.    *)
ReadsReturnWrittenValues ==
    \A i \in DOMAIN history : IsRead(i) => history[i].val <= Count("write")

Linearizable == ReadSeesCompletedWrites /\ NoNewOldInversion /\ ReadsReturnWrittenValues

(* Liveness: with a majority of the replicas up, every operation           *)
(* completes.                                                              *)
OperationsComplete == \A c \in Client : phase[c] # "idle" ~> phase[c] = "idle"
=============================================================================
