using Verification.Systematic.Engine;

namespace Verification.Protocols.Conformance;

public static class ConformanceOnly
{
    /// <summary>
    /// The scenario with the session's recorder as its only judge: the system's own monitors and its
    /// expectation of replies are left out, so a bug found is one trace conformance alone catches.
    /// </summary>
    public static Scenario Judge(ConformanceSession session, Scenario scenario)
    {
        var attached = session.Attach(scenario);
        return attached with
        {
            RepliesExpected = false,
            CreateMonitors = () => attached.CreateMonitors().Where(static m => m is ConformanceRecorder).ToArray(),
        };
    }
}
