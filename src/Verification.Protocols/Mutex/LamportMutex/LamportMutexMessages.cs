using Verification.Protocols.Modeling;

namespace Verification.Protocols.Mutex.LamportMutex;

// The messages of specs/mutex/LamportMutex.tla, each stamped with its sender's Lamport clock.

/// <summary>A request for the critical section.</summary>
public sealed record Request(int Time)
{
    public override string ToString() => SpecText.Message("Request", ("time", SpecText.Int(Time)));
}

/// <summary>The acknowledgement of a request, stamped with the receiver's clock after receiving it.</summary>
public sealed record Ack(int Time)
{
    public override string ToString() => SpecText.Message("Ack", ("time", SpecText.Int(Time)));
}

/// <summary>The sender left the critical section: drop its request.</summary>
public sealed record Release(int Time)
{
    public override string ToString() => SpecText.Message("Release", ("time", SpecText.Int(Time)));
}
