using Verification.Tla.Checking;
using Verification.Tla.Tests.Syntax;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// The liveness properties of the project's own specs (specs/*/MC*Liveness.cfg) hold under the
/// fairness their SPECIFICATION states — and they are not vacuous: with the fairness-free `Spec`
/// the same properties fail.
/// </summary>
public class ProjectSpecLivenessTests
{
    public static TheoryData<string> LivenessConfigs()
    {
        var data = new TheoryData<string>();
        foreach (var config in Directory.GetFiles(SyntaxTestFiles.SpecsDirectory, "MC*Liveness.cfg", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(SyntaxTestFiles.SpecsDirectory, config));
        return data;
    }

    [Theory]
    [MemberData(nameof(LivenessConfigs))]
    public void Liveness_properties_hold_with_the_specs_fairness(string config)
    {
        var (spec, cfg) = Paths(config);
        var output = new StringWriter();
        var result = ModelChecker.Run(spec, cfg, new CheckOptions(), output);

        Assert.True(result.Outcome == CheckOutcome.Success, $"{config}: {result.Outcome}: {result.Message}\n{output}");
        Assert.Empty(result.UncheckedProperties);
        Assert.Contains("temporal propert", output.ToString());
    }

    /// <summary>The same next-state relation as the liveness SPECIFICATION, without its fairness conjuncts.</summary>
    [Theory]
    [InlineData("broadcast/MCBestEffortBroadcastLiveness.cfg", "Next")]
    [InlineData("broadcast/MCCausalBroadcastLiveness.cfg", "Next")]
    [InlineData("consensus/MCRaftLiveness.cfg", "LiveNext")]
    [InlineData("commit/MCTwoPhaseCommitLiveness.cfg", "LiveNext")]
    [InlineData("mutex/MCRicartAgrawalaLiveness.cfg", "Next")]
    public void Without_fairness_the_same_properties_fail(string config, string next)
    {
        var (spec, cfg) = Paths(config);
        var lines = File.ReadAllLines(cfg);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("SPECIFICATION", StringComparison.Ordinal));
        var unfair = Path.Combine(Path.GetTempPath(), $"verify-unfair-{Guid.NewGuid():N}.cfg");
        File.WriteAllLines(unfair, lines.Select(l => l.TrimStart().StartsWith("SPECIFICATION", StringComparison.Ordinal) ? $"INIT Init\nNEXT {next}" : l));
        try
        {
            var output = new StringWriter();
            var result = ModelChecker.Run(spec, unfair, new CheckOptions(), output);

            Assert.True(result.Outcome == CheckOutcome.PropertyViolated, $"{config} without fairness: {result.Outcome}: {result.Message}\n{output}");
            Assert.Equal(13, result.ExitCode);
            Assert.Contains("Error: Temporal properties were violated.", output.ToString());
            Assert.NotNull(result.Trace);
        }
        finally
        {
            File.Delete(unfair);
        }
    }

    private static (string Spec, string Config) Paths(string relativeConfig)
    {
        var cfg = Path.Combine(SyntaxTestFiles.SpecsDirectory, relativeConfig);
        var module = Path.GetFileNameWithoutExtension(cfg)["MC".Length..^"Liveness".Length];
        return (Path.Combine(Path.GetDirectoryName(cfg)!, module + ".tla"), cfg);
    }
}
