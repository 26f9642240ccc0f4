using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Consensus.RaftKv;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Consensus;

public class RaftKvTests
{
    private static readonly RaftKvSystem System = new();

    private static TestConfiguration Budget(string strategy, int iterations) => new()
    {
        Strategy = strategy,
        Iterations = iterations,
        Seed = 1,
        Shrink = false,
    };

    [Fact]
    public void Stale_local_reads_are_caught_by_the_linearizability_monitor()
    {
        // First found at iteration 10 (pos).
        var found = Explore.AssertFindsBug(System, "local-read", Budget("pos", 100), nameof(LinearizabilityMonitor));
        Assert.Contains("not linearizable", found.Message);
    }

    [Fact]
    public void Kv_store_on_correct_raft_is_linearizable_under_the_same_budget()
    {
        Explore.AssertNoBug(System, null, Budget("pos", 100));
        Explore.AssertNoBug(System, null, Budget("random", 10));
    }

    [Fact]
    public void Recorder_turns_unanswered_requests_into_pending_operations()
    {
        var recorder = new KvHistoryRecorder();
        var world = new FixedStepWorld();
        var put = new Systematic.Runtime.ClientRequest(1, 0, new KvInput(1, KvOpKind.Put, "x", "1"));
        var get = new Systematic.Runtime.ClientRequest(2, 1, new KvInput(2, KvOpKind.Get, "x"));
        world.Step = 1;
        recorder.Observe(new Systematic.Monitors.RequestIssued(put), world);
        world.Step = 2;
        recorder.Observe(new Systematic.Monitors.RequestIssued(get), world);
        world.Step = 5;
        recorder.Observe(new Systematic.Monitors.Replied(1, get, "1"), world);
        var history = recorder.History();
        Assert.False(history[0].Completed);
        Assert.Equal((2L, 5L, "1"), (history[1].Call, history[1].Return, history[1].Output));
        Assert.True(LinearizabilityChecker.Check(KvModel.Instance, history).IsLinearizable);
    }

    private sealed class FixedStepWorld : Systematic.Runtime.IWorldView
    {
        public int NodeCount => 3;
        public long Step { get; set; }
        public bool IsUp(int node) => true;
        public bool HasCrashed(int node) => false;
        public Systematic.Runtime.INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Systematic.Runtime.Envelope> InFlight => [];
    }
}
