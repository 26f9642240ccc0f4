--------------------------- MODULE PlainBrachaBroadcast ---------------------------
(* Bracha's Byzantine reliable broadcast, in the style of published specs:    *)
(* quorum counting with the community modules' Quantify and Range, messages   *)
(* as a set of records, Byzantine processes that send anything at any time.  *)
EXTENDS Naturals, FiniteSets
Quantify(S, P(_)) == Cardinality({x \in S : P(x)})
Range(f) == {f[x] : x \in DOMAIN f}
CONSTANTS Proc, Byzantine, Sender, Value, SenderValue, None
ASSUME Byzantine \subseteq Proc /\ Sender \in Proc \ Byzantine

VARIABLES msgs, sentEcho, sentReady, delivered
vars == <<msgs, sentEcho, sentReady, delivered>>

Correct == Proc \ Byzantine
F == Cardinality(Byzantine)
N == Cardinality(Proc)

Msg(t, p, v) == [type |-> t, src |-> p, val |-> v]
Count(t, v) == Quantify(Proc, LAMBDA q : Msg(t, q, v) \in msgs)

Init == /\ msgs = {Msg("initial", Sender, SenderValue)}
        /\ sentEcho = [p \in Correct |-> FALSE]
        /\ sentReady = [p \in Correct |-> FALSE]
        /\ delivered = [p \in Correct |-> None]

Echo(p, v) == /\ ~sentEcho[p]
              /\ Msg("initial", Sender, v) \in msgs
              /\ sentEcho' = [sentEcho EXCEPT ![p] = TRUE]
              /\ msgs' = msgs \cup {Msg("echo", p, v)}
              /\ UNCHANGED <<sentReady, delivered>>

Ready(p, v) == /\ ~sentReady[p]
               /\ \/ 2 * Count("echo", v) > N + F
                  \/ Count("ready", v) >= F + 1
               /\ sentReady' = [sentReady EXCEPT ![p] = TRUE]
               /\ msgs' = msgs \cup {Msg("ready", p, v)}
               /\ UNCHANGED <<sentEcho, delivered>>

Deliver(p, v) == /\ delivered[p] = None
                 /\ Count("ready", v) >= 2 * F + 1
                 /\ delivered' = [delivered EXCEPT ![p] = v]
                 /\ UNCHANGED <<msgs, sentEcho, sentReady>>

Forge(b, t, v) == /\ Msg(t, b, v) \notin msgs
                  /\ msgs' = msgs \cup {Msg(t, b, v)}
                  /\ UNCHANGED <<sentEcho, sentReady, delivered>>

Next == \/ \E p \in Correct, v \in Value : Echo(p, v) \/ Ready(p, v) \/ Deliver(p, v)
        \/ \E b \in Byzantine, t \in {"echo", "ready"}, v \in Value : Forge(b, t, v)

Spec == Init /\ [][Next]_vars

Agreement == Cardinality(Range(delivered) \ {None}) <= 1
Validity == \A p \in Correct : delivered[p] \in {None, SenderValue}
=============================================================================
