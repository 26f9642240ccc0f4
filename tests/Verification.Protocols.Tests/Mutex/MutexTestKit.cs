using Verification.Protocols.Tests.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Checking;

namespace Verification.Protocols.Tests.Mutex;

internal static class MutexTestKit
{
    /// <summary>Portfolio at seed 1, as `verify all` hunts bugs: every mutex bug shows within 8 schedules.</summary>
    public static TestConfiguration Budget { get; } = ConformanceTestKit.Config("portfolio", 100);

    /// <summary>Model-checks specs/mutex/<paramref name="module"/>.tla with the model <paramref name="config"/>.cfg next to it.</summary>
    public static (CheckResult Result, string Output) Check(string module, string config)
    {
        var output = new StringWriter();
        var spec = Path.Combine(ConformanceTestKit.RepositoryRoot, "specs", "mutex", module + ".tla");
        var result = ModelChecker.Run(spec, Path.Combine(Path.GetDirectoryName(spec)!, config + ".cfg"), new CheckOptions(), output);
        return (result, output.ToString());
    }
}
