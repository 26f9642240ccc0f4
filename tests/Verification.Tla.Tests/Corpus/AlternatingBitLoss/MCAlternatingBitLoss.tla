----------------------- MODULE MCAlternatingBitLoss -----------------------
EXTENDS AlternatingBitLoss
CONSTANTS MsgQLen, AckQLen
QueueBound == Len(msgQ) <= MsgQLen /\ Len(ackQ) <= AckQLen
=============================================================================
