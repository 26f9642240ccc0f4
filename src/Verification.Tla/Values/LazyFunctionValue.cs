using System.Collections.Concurrent;

namespace Verification.Tla.Values;

/// <summary>
/// A function computed on demand: <c>[n \in Nat |-&gt; ...]</c> or a recursive definition
/// <c>f[n \in Nat] == ... f[n - 1] ...</c>, whose domain may be infinite. Application checks the
/// domain and memoizes results (the body must be a pure function of its argument, which TLA+
/// guarantees). Comparing or fingerprinting it materializes it, which needs a finite domain.
/// </summary>
public sealed class LazyFunctionValue : Value
{
    private readonly Func<Value, Value> _compute;
    private readonly ConcurrentDictionary<Value, Value> _memo = new();
    private FunctionValue? _materialized;

    public LazyFunctionValue(SetValue domain, Func<Value, Value> compute) : base(ValueKind.Function)
    {
        Domain = domain;
        _compute = compute;
    }

    public SetValue Domain { get; }

    public override ulong Fingerprint => ToFinite().Fingerprint;

    public Value Apply(Value argument)
    {
        if (_materialized is not null) return _materialized.Apply(argument);
        if (_memo.TryGetValue(argument, out var known)) return known;
        if (!Domain.Contains(argument))
            throw new EvalException($"Attempted to apply function:\n{ValuePrinter.Print(this)}\nto argument {ValuePrinter.Print(argument)}, which is not in the domain of the function.");
        var result = _compute(argument);
        _memo.TryAdd(argument, result);
        return result;
    }

    public FunctionValue ToFinite()
    {
        if (_materialized is not null) return _materialized;
        if (!Domain.IsFinite)
            throw new EvalException($"Attempted to enumerate the function with infinite domain {ValuePrinter.Print(Domain)}.");
        var built = FunctionValue.Build(Domain, Apply);
        Interlocked.CompareExchange(ref _materialized, built, null);
        return _materialized!;
    }

    protected override int CompareSameKind(Value other) => ToFinite().CompareTo(FunctionValue.AsFinite(other));

    protected override bool EqualsSameKind(Value other) => ToFinite().Equals(FunctionValue.AsFinite(other));
}
