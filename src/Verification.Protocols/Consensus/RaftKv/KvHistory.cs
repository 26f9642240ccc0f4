using Verification.Protocols.Consensus.Linearizability;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Consensus.RaftKv;

/// <summary>
/// Records the clients' history as Jepsen does: an invocation when the workload issues a request,
/// a completion when a node answers it, with the step number as the time.
/// </summary>
public sealed class KvHistoryRecorder
{
    private readonly List<(ClientRequest Request, long Call)> calls = [];
    private readonly Dictionary<int, (string Output, long Return)> returns = [];

    public void Observe(MonitorEvent e, IWorldView world)
    {
        switch (e)
        {
            case RequestIssued issued when issued.Request.Payload is KvInput:
                calls.Add((issued.Request, world.Step));
                break;
            case Replied replied when replied.Request.Payload is KvInput:
                returns.TryAdd(replied.Request.Id, ((string)replied.Response, world.Step));
                break;
        }
    }

    /// <summary>The history so far; operations without an answer are pending.</summary>
    public List<Operation<KvInput, string>> History()
    {
        var ops = new List<Operation<KvInput, string>>(calls.Count);
        foreach (var (request, call) in calls)
        {
            var input = (KvInput)request.Payload;
            ops.Add(returns.TryGetValue(request.Id, out var r)
                ? new Operation<KvInput, string>(request.Id, input, r.Output, call, r.Return)
                : Operation<KvInput, string>.Pending(request.Id, input, call));
        }
        return ops;
    }
}

/// <summary>
/// The recorded client history must be linearizable (per key, WGL). Checked whenever a read
/// returns, since a stale read shows there, with the operations still running counted as
/// pending (a prefix of a linearizable history is linearizable, so this never fails a good run
/// early), and once more at the end of the run.
/// </summary>
public sealed class LinearizabilityMonitor : SpecMonitor
{
    private readonly KvHistoryRecorder recorder = new();

    public override void OnEvent(MonitorEvent e, IWorldView world)
    {
        recorder.Observe(e, world);
        var history = e switch
        {
            RunEnded => recorder.History(),
            // Operations on other keys cannot change the verdict for this read's key.
            Replied { Request.Payload: KvInput { Kind: KvOpKind.Get, Key: var key } } => recorder.History().Where(op => op.Input.Key == key).ToList(),
            _ => null,
        };
        if (history is not null)
        {
            var result = LinearizabilityChecker.Check(KvModel.Instance, history);
            Assert(result.Verdict != LinearizabilityVerdict.NotLinearizable, $"history is not linearizable: {result.Explanation}");
        }
    }
}
