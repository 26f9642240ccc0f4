using Microsoft.Coyote.Actors;
using Microsoft.Coyote.SystematicTesting;
using Verification.Protocols;
using Verification.Systematic.Engine;

namespace Verification.Coyote;

/// <summary>
/// The test method Coyote's own CLI runs: `coyote replay Verification.Coyote.dll NAME.trace -m
/// Verification.Coyote.CoyoteCliEntry.Replay` with <see cref="SettingsVariable"/> naming the
/// trace's settings file (NAME.trace.verify.json: the system, bug and bounds the trace was recorded
/// with, which a Coyote test method cannot take as parameters).
/// </summary>
public static class CoyoteCliEntry
{
    public const string SettingsVariable = "VERIFY_COYOTE_SETTINGS";

    private static Action<IActorRuntime>? _test;

    [Test]
    public static void Replay(IActorRuntime runtime) => (_test ??= Load())(runtime);

    private static Action<IActorRuntime> Load()
    {
        var path = Environment.GetEnvironmentVariable(SettingsVariable)
            ?? throw new InvalidOperationException($"set {SettingsVariable} to the trace's settings file (NAME.trace{CoyoteTraceFile.SettingsSuffix})");
        var loaded = CoyoteTraceFile.Load(path);
        var system = SystemCatalog.Find(SystemCatalog.Discover(ProtocolsAssembly.Assembly), loaded.System)
            ?? throw new InvalidOperationException($"{path}: no registered system named '{loaded.System}'");
        return CoyoteEngine.TestFor(system, loaded.Bug, loaded.Options);
    }
}
