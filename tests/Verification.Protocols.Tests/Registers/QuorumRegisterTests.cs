using System.Text.RegularExpressions;
using Verification.Protocols.Consensus.Linearizability;
using Verification.Protocols.Registers.QuorumRegister;
using Verification.Protocols.SpecInvariants;
using Verification.Protocols.Tests.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Registers;

public class QuorumRegisterTests
{
    private static readonly QuorumRegisterSystem System = new();

    // Portfolio at seed 1, as the catalog hunts them: naive is found in schedule 22, skip-write-back
    // in 10, read-below-quorum in 14.
    private static TestConfiguration Portfolio(int iterations) => ConformanceTestKit.Config("portfolio", iterations);

    private static Operation<RegisterRequest, int> Op(int client, RegisterRequest input, int output, long call, long ret) => new(client, input, output, call, ret);

    [Fact]
    public void The_lectures_history_is_not_linearizable_and_the_same_reads_after_a_write_back_are()
    {
        // During write(1), n5 reads the new value; a later read of n6 returns the old one.
        var inverted = new List<Operation<RegisterRequest, int>>
        {
            Operation<RegisterRequest, int>.Pending(4, new WriteRequest(1), 1),
            Op(5, ReadRequest.Instance, 1, 2, 8),
            Op(6, ReadRequest.Instance, 0, 9, 13),
        };
        var result = LinearizabilityChecker.Check(RegisterModel.Instance, inverted);
        Assert.Equal(LinearizabilityVerdict.NotLinearizable, result.Verdict);
        Assert.Contains("none of these can follow: client 6 read() -> 0 [9, 13]", result.Explanation);

        // With ABD the first read has stored 1 at a quorum before it returns, so the later read returns 1.
        inverted[2] = Op(6, ReadRequest.Instance, 1, 9, 13);
        Assert.True(LinearizabilityChecker.Check(RegisterModel.Instance, inverted).IsLinearizable);
        // Reads that overlap may still see either value, in either order.
        inverted[2] = Op(6, ReadRequest.Instance, 0, 3, 13);
        Assert.True(LinearizabilityChecker.Check(RegisterModel.Instance, inverted).IsLinearizable);
    }

    [Theory]
    [InlineData(QuorumRegisterSystem.Naive)]
    [InlineData(QuorumRegisterSystem.SkipWriteBack)]
    public void Without_a_completed_write_back_a_later_read_returns_an_older_value(string bug)
    {
        var found = Explore.AssertFindsBug(System, bug, Portfolio(200), nameof(RegisterLinearizabilityMonitor));
        var reads = Regex.Matches(found.Message, @"n\d read\(\) -> (\d+)\s+steps \[(\d+), (\d+)\]")
            .Select(static m => (Val: int.Parse(m.Groups[1].Value), Call: long.Parse(m.Groups[2].Value), Return: long.Parse(m.Groups[3].Value)))
            .ToList();
        // The new-old inversion: one read returned before another started, and returned a newer value.
        Assert.True(reads.Any(a => reads.Any(b => a.Return < b.Call && a.Val > b.Val)), found.Message);
    }

    [Fact]
    public void A_read_below_quorum_misses_a_completed_write() =>
        Assert.Contains("not linearizable", Explore.AssertFindsBug(System, QuorumRegisterSystem.ReadBelowQuorum, Portfolio(100), nameof(RegisterLinearizabilityMonitor)).Message);

    [Theory]
    [InlineData(QuorumRegisterSystem.Naive)]
    [InlineData(QuorumRegisterSystem.SkipWriteBack)]
    [InlineData(QuorumRegisterSystem.ReadBelowQuorum)]
    public void Conformance_alone_rejects_the_read_that_returns_too_early(string bug) =>
        ConformanceTestKit.AssertExaminesTheActingNode(ConformanceTestKit.AssertRejectedByConformanceAlone(System.Name, bug, "FinishRead"));

    [Fact]
    public void The_specs_invariants_on_the_mapped_history_see_the_inversion_without_the_linearizability_monitor()
    {
        var withSpecInvariants = new SpecInvariantsSetting(System, on: true);
        var report = TestingEngine.Run(System.Name, () =>
        {
            var scenario = withSpecInvariants.CreateScenario(QuorumRegisterSystem.Naive);
            return scenario with { CreateMonitors = () => scenario.CreateMonitors().Where(static m => m is not RegisterLinearizabilityMonitor).ToArray() };
        }, Portfolio(100));
        // The same schedules as with the monitor (monitors do not steer): the inversion is schedule 22.
        Assert.True(report.BugFound);
        Assert.Equal("invariant:NoNewOldInversion", report.Bug!.Detector);
    }
}
