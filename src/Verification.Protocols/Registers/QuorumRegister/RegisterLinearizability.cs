using System.Globalization;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Modeling;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Registers.QuorumRegister;

/// <summary>The sequential register: a read returns the last value written (0 at first), a write returns the value it wrote.</summary>
public sealed class RegisterModel : ISequentialModel<int, RegisterRequest, int>
{
    public static RegisterModel Instance { get; } = new();

    public int Init() => 0;

    public int Apply(int state, RegisterRequest input, out int output)
    {
        if (input is WriteRequest write)
        {
            output = write.Val;
            return write.Val;
        }
        output = state;
        return state;
    }

    // One register: the whole history is one partition.
    public object PartitionKey(RegisterRequest input) => "register";

    public string Describe(RegisterRequest input, int output) =>
        input is WriteRequest ? input.ToString() : $"read() -> {output}";
}

/// <summary>
/// The clients' history of the register: an operation is invoked when its client node starts it
/// (<see cref="OperationStarted"/>, the spec's StartWrite or StartRead) and returns when the node
/// answers it, with the step number as the time; an operation not answered yet is pending.
/// </summary>
public sealed class RegisterHistory
{
    private readonly List<(int Node, ClientRequest Request, long Call)> calls = [];
    private readonly Dictionary<int, (int Output, long Return)> returns = [];

    public void Observe(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case Observed { Observation: OperationStarted started } o:
                calls.Add((o.Node, started.Request, world.Step));
                break;
            case Replied { Request.Payload: RegisterRequest, Response: int output } replied:
                returns.TryAdd(replied.Request.Id, (output, world.Step));
                break;
        }
    }

    public List<Operation<RegisterRequest, int>> Operations() =>
        calls.Select(c => returns.TryGetValue(c.Request.Id, out var r)
            ? new Operation<RegisterRequest, int>(c.Node + 1, (RegisterRequest)c.Request.Payload, r.Output, c.Call, r.Return)
            : Operation<RegisterRequest, int>.Pending(c.Node + 1, (RegisterRequest)c.Request.Payload, c.Call)).ToList();

    /// <summary>The history as a client sees it, one operation a line: who, what, what it returned, and its interval in steps.</summary>
    public string Describe() => string.Join("\n", calls.Select(c =>
    {
        var payload = (RegisterRequest)c.Request.Payload;
        var answered = returns.TryGetValue(c.Request.Id, out var r);
        var what = payload is WriteRequest ? payload.ToString()! : $"read() -> {(answered ? r.Output.ToString(CultureInfo.InvariantCulture) : "?")}";
        var end = answered ? r.Return.ToString(CultureInfo.InvariantCulture) : "...";
        return $"  {SpecNames.Node(c.Node)} {what,-13} steps [{c.Call}, {end}]";
    }));
}

/// <summary>
/// The recorded client history must be linearizable (Wing and Gong's check, <see cref="LinearizabilityChecker"/>):
/// checked whenever an operation returns, with the others still running pending, and at the end of the run.
/// The failure prints the whole history, which is the counterexample.
/// </summary>
public sealed class RegisterLinearizabilityMonitor : SpecMonitor
{
    private readonly RegisterHistory history = new();

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        history.Observe(e, world);
        if (e is not (Replied or RunEnded)) return;
        var result = LinearizabilityChecker.Check(RegisterModel.Instance, history.Operations());
        Assert(result.Verdict != LinearizabilityVerdict.NotLinearizable,
            $"the register's history is not linearizable:\n{history.Describe()}\n{result.Explanation}");
    }
}
