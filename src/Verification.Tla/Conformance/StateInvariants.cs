using Verification.Tla.Checking;
using Verification.Tla.Evaluation;
using Verification.Tla.Values;

namespace Verification.Tla.Conformance;

/// <summary>
/// One state predicate the model checks on every state: its name as TLC reports it, and the spec
/// variables it reads (null when that cannot be told from the spec: take it as reading them all).
/// </summary>
public sealed record StateInvariant(int Index, string Name, IReadOnlyList<string>? Reads);

/// <summary>
/// The state predicates of a spec's model (the cfg's INVARIANTs, and the <c>[]P</c> parts of its
/// PROPERTIES, as the checker splits them), compiled once, for evaluating on states the spec did not
/// compute: an implementation's states seen through a refinement mapping.
/// </summary>
public sealed class StateInvariants
{
    private readonly ConformanceSpec _spec;

    private StateInvariants(ConformanceSpec spec)
    {
        _spec = spec;
        var sources = spec.Model.InvariantSources;
        All = spec.Model.InvariantNames
            .Select((name, i) => new StateInvariant(i, name, sources[i].Exact ? VariableReads.Of(sources[i].Formula, sources[i].Module) : null))
            .ToArray();
    }

    public static StateInvariants Of(ConformanceSpec spec) => new(spec);

    /// <summary>The spec's variables, in declaration order: the order of a state's values.</summary>
    public IReadOnlyList<string> Variables => _spec.Variables;

    public IReadOnlyList<StateInvariant> All { get; }

    /// <summary>An evaluator for one thread (evaluation contexts are not shared).</summary>
    public Evaluator NewEvaluator() => new(_spec);

    /// <summary>Evaluates the invariants on states given as one value per spec variable. Not thread-safe.</summary>
    public sealed class Evaluator
    {
        private readonly IStateExplorer<Value[]> _explorer;
        private readonly ModelValueInterner _interner;

        internal Evaluator(ConformanceSpec spec)
        {
            _explorer = spec.Model.CreateExplorer();
            _interner = new ModelValueInterner(spec.ModelValues);
        }

        /// <summary>
        /// The state as the spec's model reads it: its model values replaced by the model's own (a
        /// mapping's registry may order them differently). A variable left out stays null, and only
        /// invariants that do not read it may be evaluated on the state.
        /// </summary>
        /// <exception cref="ArgumentException">a value holds a model value the spec's model does not declare.</exception>
        public Value[] State(IReadOnlyList<Value?> values)
        {
            var state = new Value[values.Count];
            for (var v = 0; v < state.Length; v++)
            {
                if (values[v] is not { } value) continue;
                try
                {
                    state[v] = _interner.Intern(value);
                }
                catch (UnknownModelValueException e)
                {
                    throw new ArgumentException(e.Message, nameof(values), e);
                }
            }
            return state;
        }

        /// <summary>Null when invariant number <paramref name="index"/> holds in <paramref name="state"/>; otherwise why not (FALSE, or the evaluation error).</summary>
        public string? Violation(int index, Value[] state)
        {
            try
            {
                return _explorer.Invariant(index, state) ? null : "is FALSE";
            }
            catch (EvaluationException e)
            {
                return $"cannot be evaluated: {ConformanceSpec.Describe(e)}";
            }
        }
    }
}
