using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Verification.Protocols.Clocks;

namespace Verification.Protocols.Tests.Clocks;

/// <summary>Generators of clocks and executions, and a seeded runner so every property run is reproducible.</summary>
internal static class ClockProperties
{
    public const int Nodes = 3;

    /// <summary>Small entries, so that random pairs are often comparable (and sometimes equal).</summary>
    public static Gen<VectorClock> Clock =>
        Gen.ArrayOf(Gen.Choose(0, 3), Nodes).Select(entries => VectorClock.Of(entries));

    public static Arbitrary<VectorClock> Clocks => Arb.From(Clock);

    /// <summary>A chain a ≤ b ≤ c built by merging, so transitivity is exercised on pairs that are actually ordered.</summary>
    public static Arbitrary<(VectorClock A, VectorClock B, VectorClock C)> Chains =>
        Arb.From(
            from a in Clock
            from x in Clock
            from y in Clock
            let b = a.Merge(x)
            select (a, b, b.Merge(y)));

    /// <summary>One step of a generated execution: what happens, at which node, and a pick among the candidates.</summary>
    public readonly record struct ExecutionStep(int Kind, int Node, int Pick);

    public static Arbitrary<ExecutionStep[]> Executions =>
        Arb.From(Gen.Sized(size => Gen.Choose(0, Math.Min(size, 40)).SelectMany(length =>
            Gen.ArrayOf(
                from kind in Gen.Choose(0, 2)
                from node in Gen.Choose(0, Nodes - 1)
                from pick in Gen.Choose(0, 1_000)
                select new ExecutionStep(kind, node, pick),
                length))));

    public static void Check(Property property, int maxTest = 300, ulong seed = 20_261_121)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }
}
