using System.Collections.Concurrent;
using Verification.Protocols.Mutex.LamportMutex;
using Verification.Protocols.Mutex.RicartAgrawala;
using Verification.Protocols.Tests.Conformance;
using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Mutex;

/// <summary>
/// What an entry to the critical section costs, counted in the explored runs (three nodes, six
/// entries per run): Ricart-Agrawala 2(n - 1) messages, Lamport 3(n - 1), whatever the schedule.
/// </summary>
public class MessageCostTests
{
    /// <summary>Counts, at the end of each run, every message sent by type and every entry.</summary>
    private sealed class Counter(ConcurrentDictionary<string, int> totals) : SpecMonitor
    {
        public override void OnEvent(MonitorEvent e, IWorldView world)
        {
            if (e is Observed { Observation: Verification.Protocols.Mutex.Common.EnteredCriticalSection })
                totals.AddOrUpdate("entries", 1, static (_, n) => n + 1);
            if (e is not RunEnded) return;
            foreach (var sent in world.Sent)
                totals.AddOrUpdate(sent.Message.GetType().Name, 1, static (_, n) => n + 1);
        }
    }

    private static IReadOnlyDictionary<string, int> Count(SystemDefinition system)
    {
        var totals = new ConcurrentDictionary<string, int>();
        var report = TestingEngine.Run(system.Name, () => system.CreateScenario(null) with { CreateMonitors = () => [new Counter(totals)] },
            ConformanceTestKit.Config("random", 20));
        Assert.False(report.BugFound, report.Bug?.Message);
        return totals;
    }

    [Fact]
    public void Ricart_Agrawala_costs_a_request_and_a_reply_per_other_node()
    {
        var totals = Count(new RicartAgrawalaSystem());
        // Six entries per run; the engine adds runs of its own (a determinism check) to the 20 iterations.
        Assert.True(totals["entries"] >= 20 * 6 && totals["entries"] % 6 == 0, $"{totals["entries"]} entries");
        Assert.Equal(2 * totals["entries"], totals[nameof(Verification.Protocols.Mutex.RicartAgrawala.Request)]);
        Assert.Equal(2 * totals["entries"], totals[nameof(Reply)]);
        Assert.Equal(3, totals.Count);
    }

    [Fact]
    public void Lamport_costs_a_request_an_ack_and_a_release_per_other_node()
    {
        var totals = Count(new LamportMutexSystem());
        // Six entries per run; the engine adds runs of its own (a determinism check) to the 20 iterations.
        Assert.True(totals["entries"] >= 20 * 6 && totals["entries"] % 6 == 0, $"{totals["entries"]} entries");
        Assert.Equal(2 * totals["entries"], totals[nameof(Verification.Protocols.Mutex.LamportMutex.Request)]);
        Assert.Equal(2 * totals["entries"], totals[nameof(Ack)]);
        Assert.Equal(2 * totals["entries"], totals[nameof(Release)]);
        Assert.Equal(4, totals.Count);
    }
}
