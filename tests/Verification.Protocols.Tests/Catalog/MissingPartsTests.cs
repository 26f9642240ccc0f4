using Verification.Cli.All;
using Verification.Protocols.Broadcast.FifoBroadcast;
using Verification.Protocols.Tests.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Catalog;

/// <summary>`verify all` gives every part a system should have its row: a part it lacks fails, it is never left out.</summary>
public class MissingPartsTests
{
    /// <summary>FifoBroadcast's nodes under a declaration with no mapping (not a ProtocolSystem) and model files that do not exist.</summary>
    private sealed class Incomplete : SystemDefinition
    {
        private readonly FifoBroadcastSystem _inner = new();

        public override string Name => "Incomplete";

        public override string Family => "example";

        public override string? Spec => _inner.Spec;

        public override string? Config => "specs/broadcast/MCNoSuchModel.cfg";

        public override IReadOnlyList<string> LivenessConfigs => ["specs/broadcast/MCNoSuchLiveness.cfg"];

        public override IReadOnlyList<BugInfo> Bugs => _inner.Bugs;

        public override Scenario CreateScenario(string? bug) => _inner.CreateScenario(bug);
    }

    [Fact]
    public void Verify_all_shows_each_missing_part_as_a_failing_row()
    {
        var settings = new AllSettings { IncludeKit = false, Iterations = 5 };
        var rows = new AllJob(ConformanceTestKit.RepositoryRoot, settings, TextWriter.Null).Run([new Incomplete()]);

        AllRow Row(string check) => Assert.Single(rows, r => r.Check == check);
        Assert.False(Row("model check (safety)").Passed);
        Assert.Contains("missing file specs/broadcast/MCNoSuchModel.cfg", Row("model check (safety)").Detail);
        Assert.False(Row("model check (liveness)").Passed);
        Assert.Contains("missing file specs/broadcast/MCNoSuchLiveness.cfg", Row("model check (liveness)").Detail);
        Assert.True(Row("explore (portfolio)").Passed, Row("explore (portfolio)").Detail);
        Assert.False(Row("runs conform to the spec").Passed);
        Assert.Contains("no refinement mapping", Row("runs conform to the spec").Detail);
        // The monitors find the bug, but conformance alone cannot be asked: the row fails and says why.
        var hunt = Row($"finds bug {FifoBroadcastSystem.NoHoldback}");
        Assert.False(hunt.Passed);
        Assert.Contains("found by", hunt.Detail);
        Assert.Contains("cannot hunt by conformance alone: no refinement mapping", hunt.Detail);
    }
}
