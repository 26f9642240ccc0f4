using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Engine;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Consensus;

/// <summary>
/// MIT 6.5840's Raft tests as systematic tests: each scenario runs over many schedules under an
/// unfair strategy (POS) and a fair one (random), with Raft's safety monitors and, where the
/// scenario heals, its liveness monitors.
/// </summary>
public class RaftScenarioTests
{
    public static TheoryData<string> Scenarios => new(RaftScenarios.All6_5840().Select(s => s.Scenario));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Correct_raft_passes_the_scenario_over_many_schedules(string name)
    {
        var scenario = RaftScenarios.All6_5840().Single(s => s.Scenario == name);
        Explore.AssertNoBug(scenario, null, new TestConfiguration { Strategy = "pos", Iterations = 30, Seed = 1, Shrink = false });
        Explore.AssertNoBug(scenario, null, new TestConfiguration { Strategy = "random", Iterations = 3, Seed = 1, Shrink = false });
    }

    [Fact]
    public void Lossy_figure_8_catches_a_follower_that_truncates_on_stale_requests()
    {
        Explore.AssertFindsBug(RaftScenarios.Figure8Unreliable(), "truncate-on-stale",
            new TestConfiguration { Strategy = "pos", Iterations = 200, Seed = 1, Shrink = false });
    }

    [Fact]
    public void Without_a_majority_the_no_commit_monitor_would_notice_a_commit()
    {
        // The monitor is not vacuous: the same five-node cluster with every node up commits.
        var allUp = new RaftScenario("all-up", "five nodes, all up", 5, RaftWorkloads.Broadcasts(3, 2), FaultModel.Reliable,
            () => [new NoCommitMonitor()], 600);
        Explore.AssertFindsBug(allUp, null, new TestConfiguration { Strategy = "random", Iterations = 5, Seed = 1, Shrink = false }, nameof(NoCommitMonitor));
    }
}

/// <summary>A context that records what a handler did, for unit tests of single handlers.</summary>
internal sealed class RecordingContext(int self, int nodeCount) : INodeContext
{
    public int Self => self;
    public int NodeCount => nodeCount;
    public List<(int To, object Message)> Sent { get; } = [];
    public List<object> Delivered { get; } = [];
    public object? Persisted { get; private set; }
    private readonly HashSet<string> timers = [];

    public void Send(int to, object message) => Sent.Add((to, message));
    public void SetTimer(string name, int delay = 0) => timers.Add(name);
    public void CancelTimer(string name) => timers.Remove(name);
    public bool IsTimerSet(string name) => timers.Contains(name);
    public void Deliver(object value) => Delivered.Add(value);
    public void Reply(ClientRequest request, object response) { }
    public void Persist(object durableState) => Persisted = durableState;
    public int Choose(int count) => 0;
    public void Notify(object observation) { }
    public void Label(string action, params object[] args) { }
}
