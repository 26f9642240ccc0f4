using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Registers.QuorumRegister;

// The messages of specs/registers/QuorumRegister.tla, one record per message type, with the spec's
// field names. The spec numbers an operation by its place in the history, which no client can know
// (it counts every client's operations); a client names its operations by itself and a sequence
// number, and the refinement mapping translates (QuorumRegisterRefinement).

/// <summary>The <paramref name="Seq"/>-th operation (from 1) that client node <paramref name="Client"/> started.</summary>
public readonly record struct OpId(int Client, int Seq)
{
    public override string ToString() => $"{SpecNames.Node(Client)}#{Seq}";
}

/// <summary>A write, or a read's write-back, of value <paramref name="Val"/> for operation <paramref name="Op"/>.</summary>
public sealed record Write(OpId Op, int Val)
{
    public override string ToString() => SpecText.Message("Write", ("op", Op.ToString()), ("val", SpecText.Int(Val)));
}

/// <summary>Replica <paramref name="From"/> stored (or already had something newer than) the value of <paramref name="Op"/>.</summary>
public sealed record WriteAck(OpId Op, int From)
{
    public override string ToString() => SpecText.Message("WriteAck", ("op", Op.ToString()), ("from", SpecText.Node(From)));
}

/// <summary>Operation <paramref name="Op"/> asks for the replicas' values.</summary>
public sealed record Read(OpId Op)
{
    public override string ToString() => SpecText.Message("Read", ("op", Op.ToString()));
}

/// <summary>Replica <paramref name="From"/> holds <paramref name="Val"/>.</summary>
public sealed record ReadReply(OpId Op, int From, int Val)
{
    public override string ToString() => SpecText.Message("ReadReply", ("op", Op.ToString()), ("from", SpecText.Node(From)), ("val", SpecText.Int(Val)));
}

/// <summary>What a replica keeps on disk: the value it stores.</summary>
public sealed record ReplicaDurableState(int Store);

/// <summary>What a client of the register asks its client node: a write of a value, or a read.</summary>
public abstract record RegisterRequest;

/// <summary>Write <paramref name="Val"/>; the writer's k-th write writes k (the spec's values are their own timestamps).</summary>
public sealed record WriteRequest(int Val) : RegisterRequest
{
    public override string ToString() => $"write({Val})";
}

public sealed record ReadRequest : RegisterRequest
{
    public static ReadRequest Instance { get; } = new();

    public override string ToString() => "read()";
}

/// <summary>
/// Sent to the monitors when a client node starts <paramref name="Request"/> (the spec's StartWrite
/// or StartRead, which appends it to the history): its invocation. A request that arrives while the
/// client is busy waits, and its operation starts later.
/// </summary>
public sealed record OperationStarted(ClientRequest Request);
