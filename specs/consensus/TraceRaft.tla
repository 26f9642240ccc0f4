------------------------------ MODULE TraceRaft ------------------------------
(***************************************************************************)
(* Trace validation of Raft in the style of etcd's and CCF's trace specs:  *)
(* the merged log of a run (one JSON line per event, the lines of all      *)
(* nodes in an order consistent with happens-before, as `verify validate`  *)
(* writes it) is read with ndJsonDeserialize(IOEnv.JSON); the line index l *)
(* walks it, each line must be matched by the spec action its event names, *)
(* and the node's part of the state after the action must equal what the   *)
(* line logs.  What a node cannot see (the network, the other nodes) is    *)
(* left to the spec.  The log is accepted if a behaviour consumes it all:  *)
(* the search's diameter is then the log's length plus one (TraceAccepted, *)
(* checked once after the search as TLC's POSTCONDITION).                  *)
(*                                                                         *)
(* Run as etcd runs its own:                                               *)
(*   JSON=run.ndjson verify check TraceRaft.tla -config MCTraceRaft.cfg     *)
(*     -lncheck final                                                      *)
(***************************************************************************)
EXTENDS Raft, Json, IOUtils, TLCExt

ASSUME TLCGet("config").mode = "bfs"

JsonFile == IF "JSON" \in DOMAIN IOEnv THEN IOEnv.JSON ELSE "TraceRaft.example.ndjson"

TraceLog == TLCEval(ndJsonDeserialize(JsonFile))

-----------------------------------------------------------------------------
(* Values in the log are written as the ITF writer writes them: integers   *)
(* as {"#bigint": "2"}, sets as {"#set": [...]}, functions of nodes as     *)
(* {"#map": [[k, v], ...]}, model values (nodes n1.., Nil, v1..) as        *)
(* {"#unserializable": "n1"}.  A model value is found by its name, as the  *)
(* log's "n1" is the spec's model value n1.                                *)
ModelValue(name) == CHOOSE x \in Node \cup Value \cup {Nil, NoOp} : ToString(x) = name
NodeOf(name) == CHOOSE n \in Node : ToString(n) = name

(* SequencesExt's ToSet; that module's Max would clash with Raft's.         *)
SetOf(s) == {s[k] : k \in DOMAIN s}

IntOf(j) == atoi(j["#bigint"])
ModelOf(j) == ModelValue(j["#unserializable"])
NodeSetOf(j) == {ModelOf(x) : x \in SetOf(j["#set"])}
NodeMapOf(j) == [n \in Node |-> IntOf((CHOOSE p \in SetOf(j["#map"]) : ModelOf(p[1]) = n)[2])]
LogOf(j) == [k \in DOMAIN j |-> [term |-> IntOf(j[k].term), msg |-> ModelOf(j[k].msg)]]

(* The clients' values the log mentions: v1.. in the example, m1.. in a    *)
(* real run.  MCTraceRaft.cfg makes them the spec's Value (Value <-        *)
(* TraceValues), so one cfg reads the log of any run.  A value a leader    *)
(* appended is in the log its Broadcast line logs.                         *)
TraceValues ==
    TLCEval({TLCModelValue(e.msg["#unserializable"]) :
               e \in UNION {SetOf(TraceLog[k].state.log) :
                            k \in {k \in DOMAIN TraceLog : "state" \in DOMAIN TraceLog[k] /\ "log" \in DOMAIN TraceLog[k].state}}}
            \ {NoOp})

(* Node i's part of the state after the step is what the line logs; a key  *)
(* that is no variable of node i is an error (CASE has no arm for it).     *)
LoggedStateMatches(i, logged) ==
    \A key \in DOMAIN logged :
        CASE key = "currentTerm"   -> currentTerm'[i] = IntOf(logged[key])
          [] key = "votedFor"      -> votedFor'[i] = ModelOf(logged[key])
          [] key = "log"           -> log'[i] = LogOf(logged[key])
          [] key = "commitLength"  -> commitLength'[i] = IntOf(logged[key])
          [] key = "currentRole"   -> currentRole'[i] = logged[key]
          [] key = "currentLeader" -> currentLeader'[i] = ModelOf(logged[key])
          [] key = "votesReceived" -> votesReceived'[i] = NodeSetOf(logged[key])
          [] key = "sentLength"    -> sentLength'[i] = NodeMapOf(logged[key])
          [] key = "ackedLength"   -> ackedLength'[i] = NodeMapOf(logged[key])

-----------------------------------------------------------------------------
VARIABLE l

logline == TraceLog[l]

TraceInit ==
    /\ l = 1
    /\ Init

(* A node cannot log its crash; the first line after it restarts names     *)
(* Restart.  Crash and restart are one step here: the node's volatile      *)
(* state is lost and so are the messages on their way to it.               *)
CrashAndRestart(i) ==
    /\ i \notin crashed
    /\ currentRole' = [currentRole EXCEPT ![i] = Follower]
    /\ currentLeader' = [currentLeader EXCEPT ![i] = Nil]
    /\ votesReceived' = [votesReceived EXCEPT ![i] = {}]
    /\ sentLength' = [sentLength EXCEPT ![i] = [j \in Node |-> 0]]
    /\ ackedLength' = [ackedLength EXCEPT ![i] = [j \in Node |-> 0]]
    /\ msgs' = {m \in msgs : m.dest # i}
    /\ UNCHANGED <<durable, crashed>>

MessageTypeOf ==
    "HandleVoteRequest" :> "VoteRequest" @@ "HandleVoteResponse" :> "VoteResponse" @@
    "HandleLogRequest" :> "LogRequest" @@ "HandleLogResponse" :> "LogResponse"

(* Steps of the node that change no variable of the spec.                  *)
SilentEvents == {"Init", "StaleTimer", "ForwardRequest", "IgnoreDuplicate"}

(* The message a receive line handled, as the line's "args" give it.      *)
ReceivedMessage(k) ==
    IF "args" \in DOMAIN TraceLog[k] /\ "m" \in DOMAIN TraceLog[k].args
    THEN TraceLog[k].args.m ELSE <<>>

(* Whether the message line k handled is handled again by a later line:   *)
(* msgs is a set, so two equal messages in flight are one, and it stays in *)
(* flight for the second receive.  Otherwise it leaves the network: keeping *)
(* every received message as well would multiply the states for nothing.  *)
ReceivedAgain == TLCEval([k \in 1..Len(TraceLog) |->
    /\ ReceivedMessage(k) # <<>>
    /\ \E n \in k+1..Len(TraceLog) :
          /\ TraceLog[n].node = TraceLog[k].node
          /\ TraceLog[n].event = TraceLog[k].event
          /\ ReceivedMessage(n) = ReceivedMessage(k)])

(* A message as the log writes it: its fields decoded by what they hold.  *)
MessageOf(j) ==
    [f \in DOMAIN j |->
        CASE f \in {"type", "granted", "success"} -> j[f]
          [] f \in {"dest", "cId", "voterId", "leaderId", "follower"} -> ModelOf(j[f])
          [] f = "suffix" -> LogOf(j[f])
          [] OTHER -> IntOf(j[f])]

(* Node i handles m, which must be in flight.                              *)
ReceiveLogged(i, event, m) ==
    /\ m \in msgs
    /\ m.dest = i
    /\ m.type = MessageTypeOf[event]
    /\ Receive(i, m)
    /\ IF ReceivedAgain[l] THEN m \in msgs' ELSE m \notin msgs'

(* The action the line's event names, taken by the line's node.  An event *)
(* that is no action of the spec matches nothing: the log is rejected.     *)
StepOf(i, event) ==
    \/ event \in SilentEvents /\ UNCHANGED vars
    \/ event = "ElectionTimeout" /\ ElectionTimeout(i)
    \/ event = "Heartbeat" /\ Heartbeat(i)
    \/ event = "Broadcast" /\ \E v \in Value : Broadcast(i, v)
    \/ event = "Restart" /\ CrashAndRestart(i)
    \/ /\ event \in DOMAIN MessageTypeOf
       /\ IF ReceivedMessage(l) # <<>>
          THEN ReceiveLogged(i, event, MessageOf(ReceivedMessage(l)))
          ELSE \E m \in msgs : ReceiveLogged(i, event, m)

TraceNext ==
    /\ l <= Len(TraceLog)
    /\ StepOf(NodeOf(logline.node), logline.event)
    /\ LoggedStateMatches(NodeOf(logline.node), logline.state)
    /\ l' = l + 1

TraceSpec == TraceInit /\ [][TraceNext]_<<l, vars>>

(* The same Raft state at two positions of the log is two states here.     *)
TraceView == <<vars, l>>

(* Checked once after the search: some behaviour consumed the whole log.   *)
(* Otherwise the first line no behaviour matched is printed.               *)
TraceAccepted ==
    LET d == TLCGet("stats").diameter IN
    IF d - 1 = Len(TraceLog) THEN TRUE
    ELSE Print(<<"No behaviour of Raft matches line", d, "of the log:", TraceLog[d]>>, FALSE)

(* etcd's poor man's hyperproperty, for logs that admit one behaviour only. *)
TraceMatched ==
    [](l <= Len(TraceLog) => [](TLCGet("queue") = 1 \/ l > Len(TraceLog)))

=============================================================================
