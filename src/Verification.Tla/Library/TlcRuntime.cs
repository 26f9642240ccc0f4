using System.Diagnostics;
using Verification.Tla.Values;

namespace Verification.Tla.Library;

/// <summary>
/// The registers of TLCSet(i, v) / TLCGet(i) (i a natural) and of named registers. TLC keeps one
/// set per worker thread; a checker worker shares one instance between its evaluation contexts.
/// </summary>
public sealed class TlcRegisters
{
    private readonly Dictionary<Value, Value> _registers = [];

    /// <summary>Stores <paramref name="value"/> under a natural number or an "s:"-prefixed name.</summary>
    public void Set(Value key, Value value) => _registers[key] = value;

    public Value? Get(Value key) => _registers.GetValueOrDefault(key);

    /// <summary>A worker's own registers, starting from these values.</summary>
    public TlcRegisters Copy()
    {
        var copy = new TlcRegisters();
        foreach (var (key, value) in _registers) copy._registers[key] = value;
        return copy;
    }
}

/// <summary>The counters of a breadth-first search that TLCGet reads (TLC's main checker's).</summary>
public readonly record struct SearchCounters(long Queue, long Generated, long Distinct, long Initial, int Diameter)
{
    /// <summary>TLCGet("stats"): TLC's record of the counters (worker 0: one search thread here).</summary>
    public Value Statistics(int durationSeconds) => FunctionValue.Record(new Dictionary<string, Value>
    {
        ["queue"] = Narrow(Queue),
        ["distinct"] = Narrow(Distinct),
        ["initial"] = Narrow(Initial),
        ["generated"] = Narrow(Generated),
        ["diameter"] = IntValue.Of(Diameter),
        ["duration"] = IntValue.Of(durationSeconds),
        ["worker"] = IntValue.Of(0),
    });

    /// <summary>A counter as TLCGet returns it: TLC fails on one past 2^31 - 1.</summary>
    public static IntValue Exact(long count, string key) =>
        count <= int.MaxValue ? IntValue.Of((int)count) : throw new EvalException($"Overflow when computing TLCGet(\"{key}\"): {count}.");

    private static IntValue Narrow(long count) => IntValue.Of((int)Math.Min(count, int.MaxValue));
}

/// <summary>
/// The run-wide facts TLCGet reports besides the level: TLCGet("config") (TLC's record: mode,
/// deadlock, worker, seed, fingerprint, install) and TLCGet("duration").
/// </summary>
public sealed record TlcRunInfo(string Mode, bool CheckDeadlock, int Workers, long Seed)
{
    public static readonly TlcRunInfo Default = new("bfs", true, 1, 0);

    /// <summary>When the run started, for TLCGet("duration") (whole seconds since then).</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>
    /// TLCGet("config") as TLC builds it. The seed, fingerprint polynomial and install location are
    /// TLC's own run-specific strings; this checker reports its seed, "0" and "" there.
    /// </summary>
    public Value Config => FunctionValue.Record(new Dictionary<string, Value>
    {
        ["mode"] = StringValue.Of(Mode),
        ["deadlock"] = BoolValue.Of(CheckDeadlock),
        ["worker"] = IntValue.Of(Workers),
        ["seed"] = StringValue.Of(Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["fingerprint"] = StringValue.Of("0"),
        ["install"] = StringValue.Of(""),
    });
}
