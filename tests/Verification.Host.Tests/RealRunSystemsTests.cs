using Verification.Host.Supervision;
using Verification.Host.Systems;
using Verification.Tla.Conformance;

namespace Verification.Host.Tests;

/// <summary>
/// `verify run` runs exactly the systems that say they run as real processes, and a short correct run of
/// each validates; any other registered system is refused with a reason, never run into a false verdict
/// (before this, CausalBroadcast's and MultiPaxos's correct real runs failed validation and nine systems'
/// node processes crashed at boot).
/// </summary>
[Collection(RealRunCollection.Name)]
public class RealRunSystemsTests
{
    public static TheoryData<string> Hosted() => new(HostedSystem.All.Select(static s => s.Name)
        // Raft, RaftKv, Paxos and EagerReliableBroadcast have their own, longer correct runs (CorrectRunTests).
        .Except(["Raft", "RaftKv", "Paxos", "EagerReliableBroadcast"]));

    [Theory]
    [MemberData(nameof(Hosted))]
    public void A_short_correct_run_validates(string system)
    {
        var result = RealRuns.Run(system, seed: 1, TimeSpan.FromSeconds(2), FaultKinds.None);
        Assert.True(result.Validation.Verdict == ConformanceVerdict.Conforms, $"{system}: {result.Validation.Description}");
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_system_that_does_not_run_as_real_processes_is_refused_with_the_reason()
    {
        Assert.Contains("CausalBroadcast", HostedSystem.NotHosted);
        Assert.DoesNotContain(HostedSystem.All, static s => s.Name == "CausalBroadcast");
        var error = Assert.Throws<ArgumentException>(() => RealRuns.Run("CausalBroadcast", seed: 1, TimeSpan.FromSeconds(1), FaultKinds.None));
        Assert.StartsWith("CausalBroadcast does not run as real processes yet", error.Message);
        Assert.Contains("Raft", error.Message);
    }
}
