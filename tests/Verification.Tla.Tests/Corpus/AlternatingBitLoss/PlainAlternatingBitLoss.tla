--------------------- MODULE PlainAlternatingBitLoss ---------------------
(* AlternatingBitLoss with Lose(q) written out once per channel: the same   *)
(* model in constructs the conformance kit already pins.                    *)
EXTENDS Naturals, Sequences
CONSTANTS Data, MsgQLen, AckQLen
VARIABLES msgQ, ackQ, sBit, sAck, rBit, sent, rcvd

Init == /\ msgQ = << >> /\ ackQ = << >>
        /\ sBit \in {0, 1} /\ sAck = sBit /\ rBit = sBit
        /\ sent \in Data /\ rcvd \in Data

Next ==
  \/ \E d \in Data : /\ sAck = sBit
                     /\ sent' = d
                     /\ sBit' = 1 - sBit
                     /\ msgQ' = Append(msgQ, <<1 - sBit, d>>)
                     /\ UNCHANGED <<ackQ, sAck, rBit, rcvd>>
  \/ /\ sAck # sBit
     /\ msgQ' = Append(msgQ, <<sBit, sent>>)
     /\ UNCHANGED <<ackQ, sBit, sAck, rBit, sent, rcvd>>
  \/ /\ msgQ # << >>
     /\ msgQ' = Tail(msgQ)
     /\ rBit' = Head(msgQ)[1]
     /\ rcvd' = Head(msgQ)[2]
     /\ UNCHANGED <<ackQ, sBit, sAck, sent>>
  \/ /\ ackQ' = Append(ackQ, rBit)
     /\ UNCHANGED <<msgQ, sBit, sAck, rBit, sent, rcvd>>
  \/ /\ ackQ # << >>
     /\ ackQ' = Tail(ackQ)
     /\ sAck' = Head(ackQ)
     /\ UNCHANGED <<msgQ, sBit, rBit, sent, rcvd>>
  \/ /\ msgQ # << >>
     /\ \E i \in 1..Len(msgQ) :
          msgQ' = [j \in 1..(Len(msgQ) - 1) |-> IF j < i THEN msgQ[j] ELSE msgQ[j + 1]]
     /\ UNCHANGED <<sBit, sAck, rBit, sent, rcvd, ackQ>>
  \/ /\ ackQ # << >>
     /\ \E i \in 1..Len(ackQ) :
          ackQ' = [j \in 1..(Len(ackQ) - 1) |-> IF j < i THEN ackQ[j] ELSE ackQ[j + 1]]
     /\ UNCHANGED <<sBit, sAck, rBit, sent, rcvd, msgQ>>

TypeOK == /\ msgQ \in Seq({0, 1} \X Data)
          /\ ackQ \in Seq({0, 1})
          /\ sBit \in {0, 1} /\ sAck \in {0, 1} /\ rBit \in {0, 1}
          /\ sent \in Data /\ rcvd \in Data
Agreement == (sBit = sAck) => (rBit = sBit)
QueueBound == Len(msgQ) <= MsgQLen /\ Len(ackQ) <= AckQLen
=============================================================================
