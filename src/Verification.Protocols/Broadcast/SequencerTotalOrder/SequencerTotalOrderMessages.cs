using Verification.Protocols.Broadcast.Common;

namespace Verification.Protocols.Broadcast.SequencerTotalOrder;

/// <summary>The spec's Submit [id]: a node hands a message to the sequencer. Body is the application payload.</summary>
public sealed record Submit(MessageId Id, string Body)
{
    public override string ToString() => $"Submit({Id})";
}

/// <summary>The spec's Sequenced [seq, id]: the sequencer's numbered copy of a message, sent to every node.</summary>
public sealed record Sequenced(int Seq, MessageId Id, string Body)
{
    public override string ToString() => $"Sequenced({Seq}, {Id})";
}
