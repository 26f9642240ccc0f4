using System.Collections.Immutable;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Mutex.RicartAgrawala;

// The messages of specs/mutex/RicartAgrawala.tla. The spec's records carry their sender and
// receiver; here the envelope does, and SpecMessage puts them back for labels and the mapping.

/// <summary>A request for the critical section, stamped with the sender's Lamport clock.</summary>
public sealed record Request(int Time)
{
    public override string ToString() => SpecText.Message("Request", ("time", SpecText.Int(Time)));
}

/// <summary>The receiver's permission to enter: sent at once, or deferred until it leaves.</summary>
public sealed record Reply
{
    public override string ToString() => SpecText.Message("Reply");
}

public static class RicartAgrawalaMessages
{
    /// <summary>The spec's record of a message from <paramref name="from"/> to <paramref name="to"/>: [type, from, to] and, for a request, time.</summary>
    public static LabelValue SpecMessage(int from, int to, object message)
    {
        var fields = ImmutableArray.CreateBuilder<KeyValuePair<string, LabelValue>>(4);
        fields.Add(new("type", new LabelValue.Str(message switch
        {
            Request => "Request",
            Reply => "Reply",
            _ => throw new ArgumentException($"not a Ricart-Agrawala message: {message}", nameof(message)),
        })));
        fields.Add(new("from", LabelValue.OfNode(from)));
        fields.Add(new("to", LabelValue.OfNode(to)));
        if (message is Request request) fields.Add(new("time", new LabelValue.Int(request.Time)));
        return new LabelValue.Record(fields.ToImmutable());
    }
}
