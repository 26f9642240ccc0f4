using Verification.Tla.Syntax;

namespace Verification.Tla.Semantics;

/// <summary>An operator a standard module exports: canonical name, arity and how it is written.</summary>
public sealed record StandardOperator(string Name, int Arity, OperatorForm Form = OperatorForm.Named);

/// <summary>A standard module the checker implements natively (no .tla file is read).</summary>
public sealed record StandardModule(string Name, IReadOnlyList<string> Extends, IReadOnlyList<StandardOperator> Operators);

/// <summary>
/// The standard modules built into the checker and what each one exports, following the
/// distribution's .tla files: only EXTENDS is re-exported (Integers extends Naturals, Reals extends
/// Integers); LOCAL INSTANCEs (Sequences of Naturals, TLC of Sequences, ...) are not, so a spec that
/// extends only TLC does not see Len.
/// </summary>
public static class StandardModules
{
    private static StandardOperator Op(string name, int arity) => new(name, arity);

    private static StandardOperator Infix(string name) => new(name, 2, OperatorForm.Infix);

    private static readonly Dictionary<string, StandardModule> Modules = new StandardModule[]
    {
        new("Naturals", [], [
            Op("Nat", 0), Infix("+"), Infix("-"), Infix("*"), Infix("^"), Infix("<"), Infix(">"), Infix("<="), Infix(">="),
            Infix("%"), Infix("\\div"), Infix(".."),
        ]),
        new("Integers", ["Naturals"], [Op("Int", 0), new StandardOperator("-.", 1, OperatorForm.Prefix)]),
        new("Reals", ["Integers"], [Op("Real", 0), Infix("/"), Op("Infinity", 0)]),
        new("Sequences", [], [
            Op("Seq", 1), Op("Len", 1), Infix("\\o"), Op("Append", 2), Op("Head", 1), Op("Tail", 1), Op("SubSeq", 3),
            Op("SelectSeq", 2),
        ]),
        new("FiniteSets", [], [Op("IsFiniteSet", 1), Op("Cardinality", 1)]),
        new("Bags", [], [
            Op("IsABag", 1), Op("BagToSet", 1), Op("SetToBag", 1), Op("BagIn", 2), Op("EmptyBag", 0), Infix("\\oplus"),
            Infix("\\ominus"), Op("BagUnion", 1), Infix("\\sqsubseteq"), Op("SubBag", 1), Op("BagOfAll", 2),
            Op("BagCardinality", 1), Op("CopiesIn", 2),
        ]),
        new("TLC", [], [
            Op("Print", 2), Op("PrintT", 1), Op("Assert", 2), Op("JavaTime", 0), Op("TLCGet", 1), Op("TLCSet", 2),
            Infix(":>"), Infix("@@"), Op("Permutations", 1), Op("SortSeq", 2), Op("RandomElement", 1), Op("Any", 0),
            Op("ToString", 1), Op("TLCEval", 1),
        ]),
        new("TLCExt", [], [
            Op("AssertEq", 2), Op("AssertError", 2), Op("Trace", 0), Op("TLCModelValue", 1), Op("CounterExample", 0),
            Op("ToTrace", 1), Op("PickSuccessor", 1), Op("TLCDefer", 1), Op("TLCNoOp", 1), Op("TLCCache", 2),
            Op("TLCGetAndSet", 4), Op("TLCFP", 1), Op("TLCGetOrDefault", 2), Op("TLCEvalDefinition", 1),
        ]),
        new("Randomization", [], [
            Op("RandomSubset", 2), Op("RandomSetOfSubsets", 3), Op("RandomSubsetSet", 3), Op("TestRandomSetOfSubsets", 3),
        ]),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Modules.Keys;

    public static bool IsStandard(string moduleName) => Modules.ContainsKey(moduleName);

    public static StandardModule? Find(string moduleName) => Modules.GetValueOrDefault(moduleName);

    /// <summary>Every operator visible to a module that EXTENDS (or INSTANCEs) <paramref name="moduleName"/>.</summary>
    public static IReadOnlyList<StandardOperator> ExportedOperators(string moduleName)
    {
        var result = new List<StandardOperator>();
        var seen = new HashSet<string>();
        void Collect(string name)
        {
            if (!seen.Add(name) || Find(name) is not { } module) return;
            foreach (var extended in module.Extends) Collect(extended);
            result.AddRange(module.Operators);
        }

        Collect(moduleName);
        return result;
    }
}
