using Verification.Tla.Checking;
using Verification.Tla.Tests.Syntax;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// The specs of issue 16's systems (failure detectors, two-phase commit, quorum registers, CRDTs,
/// primary-backup, mutual exclusion): each correct model is checked in full with the distinct-state
/// count measured when it was written, and each model of a seeded bug (or of the naive algorithm,
/// or of two-phase commit's blocking) fails with the property the bug breaks and a counterexample
/// of the measured length. Their liveness configs are checked by <c>ProjectSpecLivenessTests</c>.
/// </summary>
public class TextbookSpecTests
{
    [Theory]
    [InlineData("failure-detectors/PerfectFailureDetector", "MCPerfectFailureDetector", 19_648)]
    [InlineData("failure-detectors/EventuallyPerfectFailureDetector", "MCEventuallyPerfectFailureDetector", 92_228)]
    [InlineData("commit/TwoPhaseCommit", "MCTwoPhaseCommit", 900)]
    [InlineData("registers/QuorumRegister", "MCQuorumRegister", 3_759)]
    [InlineData("crdt/CrdtCounter", "MCCrdtCounter", 8_157)]
    [InlineData("crdt/OrSet", "MCOrSet", 2_633)]
    [InlineData("replication/PrimaryBackup", "MCPrimaryBackup", 3_466)]
    [InlineData("mutex/RicartAgrawala", "MCRicartAgrawala", 7_653)]
    public void The_correct_model_satisfies_its_invariants(string spec, string config, long distinctStates)
    {
        var (result, output) = Check(spec, config);

        Assert.True(result.Outcome == CheckOutcome.Success, $"{config}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Equal(distinctStates, result.DistinctStates);
    }

    [Theory]
    [InlineData("failure-detectors/PerfectFailureDetector", "MCPerfectFailureDetectorBugShortTimeout", "StrongAccuracy", 6)]
    [InlineData("commit/TwoPhaseCommit", "MCTwoPhaseCommitBugCommitOnPartialVotes", "Validity", 6)]
    [InlineData("commit/TwoPhaseCommit", "MCTwoPhaseCommitBugForgetPreparedOnRestart", "Atomicity", 11)]
    [InlineData("registers/QuorumRegister", "MCQuorumRegisterNaive", "NoNewOldInversion", 11)]
    [InlineData("registers/QuorumRegister", "MCQuorumRegisterBugSkipWriteBack", "NoNewOldInversion", 11)]
    [InlineData("registers/QuorumRegister", "MCQuorumRegisterBugReadBelowQuorum", "ReadSeesCompletedWrites", 11)]
    [InlineData("crdt/CrdtCounter", "MCCrdtCounterBugNonCommutativeMerge", "StrongConvergence", 5)]
    [InlineData("crdt/OrSet", "MCOrSetBugRemoveWins", "StrongConvergence", 7)]
    [InlineData("replication/PrimaryBackup", "MCPrimaryBackupBugSplitBrain", "NoNewOldInversion", 6)]
    [InlineData("replication/PrimaryBackup", "MCPrimaryBackupBugAckBeforeReplication", "CommittedOnBackups", 3)]
    [InlineData("mutex/RicartAgrawala", "MCRicartAgrawalaBugNoTieBreak", "MutualExclusion", 13)]
    public void The_seeded_bug_breaks_an_invariant(string spec, string config, string invariant, int traceLength)
    {
        var (result, output) = Check(spec, config);

        Assert.True(result.Outcome == CheckOutcome.InvariantViolated, $"{config}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Equal(invariant, result.Violated);
        Assert.Equal(traceLength, result.Trace!.Count);
    }

    /// <summary>
    /// Each config checks one temporal property, so the violation is that property's. The lasso's
    /// length is not pinned: TLC 2.19 reports shorter ones on both models (docs/textbook-specs.md).
    /// </summary>
    [Theory]
    [InlineData("commit/TwoPhaseCommit", "MCTwoPhaseCommitBlocking", 900)]
    [InlineData("failure-detectors/EventuallyPerfectFailureDetector", "MCEventuallyPerfectFailureDetectorBugNeverUnsuspect", 34_709)]
    public void The_liveness_counterexample_is_found(string spec, string config, long distinctStates)
    {
        var (result, output) = Check(spec, config);

        Assert.True(result.Outcome == CheckOutcome.PropertyViolated, $"{config}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Contains("Error: Temporal properties were violated.", output);
        Assert.Equal(distinctStates, result.DistinctStates);
        Assert.NotEmpty(result.Trace!);
    }

    private static (CheckResult Result, string Output) Check(string spec, string config)
    {
        var specPath = Path.Combine(SyntaxTestFiles.SpecsDirectory, spec + ".tla");
        var configPath = Path.Combine(Path.GetDirectoryName(specPath)!, config + ".cfg");
        var output = new StringWriter();
        var result = ModelChecker.Run(specPath, configPath, new CheckOptions(), output);
        return (result, output.ToString());
    }
}
