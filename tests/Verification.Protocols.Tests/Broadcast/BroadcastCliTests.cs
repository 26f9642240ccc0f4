using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Broadcast;

/// <summary>
/// What a user runs: `verify test NAME --bug BUG --iterations 5000 --seed 1` exits 2 for every
/// seeded bug of every broadcast system, and `verify test NAME --iterations 200 --seed 1` exits 0.
/// </summary>
public class BroadcastCliTests
{
    private static IEnumerable<SystemDefinition> Broadcast =>
        SystemCatalog.Discover(ProtocolsAssembly.Assembly).Where(static s => s.Family == "broadcast");

    public static TheoryData<string, string> SeededBugs()
    {
        var data = new TheoryData<string, string>();
        foreach (var system in Broadcast)
            foreach (var bug in system.Bugs)
                data.Add(system.Name, bug.Name);
        return data;
    }

    public static TheoryData<string> Systems()
    {
        var data = new TheoryData<string>();
        foreach (var system in Broadcast) data.Add(system.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Verify_test_exits_2_on_the_seeded_bug(string system, string bug) => BroadcastTestKit.CliFindsBug(system, bug);

    [Theory]
    [MemberData(nameof(Systems))]
    public void Verify_test_exits_0_on_the_correct_algorithm(string system) => BroadcastTestKit.CliFindsNoBug(system);
}
