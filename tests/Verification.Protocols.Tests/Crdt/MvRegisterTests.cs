using Verification.Protocols.Clocks;
using Verification.Protocols.Conformance;
using Verification.Protocols.Tests.Catalog;
using Verification.Protocols.Tests.Conformance;
using Verification.Protocols.Crdt.MvRegister;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Crdt;

public class MvRegisterTests
{
    private static readonly MvRegisterSystem System = new();

    [Fact]
    public void Non_idempotent_merge_is_found_by_each_check_of_strong_eventual_consistency() =>
        CrdtTestKit.EachCheckFinds(System, MvRegisterSystem.NonIdempotentMerge, iterations: 200);

    [Fact]
    public void The_correct_register_survives_pct_and_every_run_converges_after_the_heal() =>
        CrdtTestKit.AssertConvergesEveryRun(System, CrdtTestKit.Budget(100, "pct"));

    [Fact]
    public void Conformance_alone_rejects_the_merge_that_loses_a_shared_entry_and_examines_the_merged_state()
    {
        var session = ConformanceTestKit.Session(System, coverage: false);
        var report = TestingEngine.Run(System.Name, () => ConformanceOnly.Judge(session, System.CreateScenario(MvRegisterSystem.NonIdempotentMerge)), SystemCatalogKit.Portfolio(50));
        var bug = Assert.IsType<BugReport>(report.Bug);
        Assert.Equal("conformance", bug.Detector);
        // The label's m, read back with its version vectors as the spec's functions, picks the instance.
        Assert.Contains("Instance examined: p = n3, m = [context |-> (n1 :> 0 @@ n2 :> 1 @@ n3 :> 1)", bug.Message);
    }

    [Fact]
    public void The_join_is_commutative_associative_and_idempotent_on_reachable_states()
    {
        var states = ReachableStates(seed: 1, count: 40);
        foreach (var a in states)
        {
            Assert.Equal(a, MvRegisterLattice.Join(a, a));
            foreach (var b in states)
            {
                Assert.Equal(MvRegisterLattice.Join(a, b), MvRegisterLattice.Join(b, a));
                foreach (var c in states.Take(10))
                    Assert.Equal(MvRegisterLattice.Join(MvRegisterLattice.Join(a, b), c), MvRegisterLattice.Join(a, MvRegisterLattice.Join(b, c)));
            }
        }
    }

    [Fact]
    public void Concurrent_writes_are_both_kept_until_a_write_that_saw_both()
    {
        var zero = RegisterState.Empty(3);
        var v1 = new RegisterState([new RegisterEntry("v1", VectorClock.Of(1, 0, 0))], VectorClock.Of(1, 0, 0));
        var v2 = new RegisterState([new RegisterEntry("v2", VectorClock.Of(0, 1, 0))], VectorClock.Of(0, 1, 0));
        var both = MvRegisterLattice.Join(MvRegisterLattice.Join(zero, v1), v2);
        Assert.Equal(["v1", "v2"], both.Entries.Select(e => e.Value));
        var later = new RegisterState([new RegisterEntry("v3", VectorClock.Of(1, 1, 1))], VectorClock.Of(1, 1, 1));
        Assert.Equal(later, MvRegisterLattice.Join(both, later));
    }

    [Fact]
    public void The_seeded_join_empties_a_register_merged_with_itself()
    {
        var v1 = new RegisterState([new RegisterEntry("v1", VectorClock.Of(1, 0, 0))], VectorClock.Of(1, 0, 0));
        Assert.Empty(MvRegisterLattice.Join(v1, v1, MvRegisterBug.NonIdempotentMerge).Entries);
    }

    /// <summary>States three replicas reach by random writes and merges (a fixed seed).</summary>
    private static List<RegisterState> ReachableStates(int seed, int count)
    {
        var random = new Random(seed);
        var replicas = Enumerable.Range(0, 3).Select(_ => RegisterState.Empty(3)).ToArray();
        var seen = new List<RegisterState>();
        while (seen.Count < count)
        {
            var p = random.Next(3);
            if (random.Next(3) == 0)
            {
                var vv = replicas[p].Context.Increment(p);
                replicas[p] = new RegisterState([new RegisterEntry(random.Next(2) == 0 ? "v1" : "v2", vv)], vv);
            }
            else replicas[p] = MvRegisterLattice.Join(replicas[p], replicas[random.Next(3)]);
            if (!seen.Contains(replicas[p])) seen.Add(replicas[p]);
        }
        return seen;
    }
}
