using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

/// <summary>
/// FsCheck generators of syntax trees in the shapes the parser produces (canonical operator names,
/// non-negative literals, LAMBDA only as an argument, '@' only inside EXCEPT values), so that
/// parse(print(e)) can be compared with e.
/// </summary>
public static class ExpressionGenerators
{
    private static readonly SourceSpan NoSpan = SourceSpan.None;

    private static readonly string[] Names = ["x", "y", "f", "S", "T", "Op", "vars", "a_1", "Z9"];
    private static readonly string[] Strings = ["", "a", "two words", "quote\"inside", "back\\slash", "line\nbreak", "(* not a comment *)"];
    private static readonly string[] InfixOperators = OperatorSymbols.InfixOperators.Select(o => o.Name).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] PrefixOperators = OperatorSymbols.PrefixOperators.Select(o => o.Name).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] PostfixOperators = OperatorSymbols.PostfixOperators.Select(o => o.Name).Order(StringComparer.Ordinal).ToArray();

    private const int MaxDepth = 4;

    // InExcept first: building Plain refers to it (EXCEPT values may contain '@').
    private static readonly Gen<Expression>[] InExcept = Build(inExcept: true);
    private static readonly Gen<Expression>[] Plain = Build(inExcept: false);

    /// <summary>Expressions up to <see cref="MaxDepth"/> levels deep.</summary>
    public static Gen<Expression> Expression => Gen.Choose(0, MaxDepth).SelectMany(depth => Plain[depth]);

    private static Identifier Id(string name) => new(NoSpan, name);

    private static Gen<Identifier> Identifier => Gen.Elements(Names).Select(Id);

    private static Gen<List<T>> ListOf<T>(Gen<T> item, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(item, n)).Select(items => items.ToList());

    private static Gen<Expression>[] Build(bool inExcept)
    {
        var byDepth = new Gen<Expression>[MaxDepth + 1];
        byDepth[0] = Leaf(inExcept);
        for (var depth = 1; depth <= MaxDepth; depth++) byDepth[depth] = Compound(byDepth[depth - 1], inExcept, depth);
        return byDepth;
    }

    private static Gen<Expression> Leaf(bool inExcept)
    {
        var leaves = new List<(int, Gen<Expression>)>
        {
            (4, Identifier.Select(id => (Expression)new NameReference(NoSpan, [], id, []))),
            (3, Gen.Choose(0, 1_000_000).Select(n => (Expression)new NumberLiteral(NoSpan, n))),
            (2, Gen.Elements(Strings).Select(s => (Expression)new StringLiteral(NoSpan, s))),
            (1, Gen.Elements(true, false).Select(b => (Expression)new BooleanLiteral(NoSpan, b))),
            (1, Gen.Constant((Expression)new SetEnumeration(NoSpan, []))),
            (1, Gen.Constant((Expression)new TupleExpression(NoSpan, []))),
        };
        if (inExcept) leaves.Add((2, Gen.Constant((Expression)new ExceptAt(NoSpan))));
        return Gen.Frequency(leaves.ToArray());
    }

    private static Gen<Expression> Compound(Gen<Expression> sub, bool inExcept, int depth)
    {
        var binder = Binder(sub, requireDomain: true);
        var subInExcept = inExcept ? sub : InExcept[depth - 1];
        var argument = Gen.Frequency(
            (6, sub),
            (1, ListOf(Identifier, 1, 2).SelectMany(ps => sub.Select(body => (Expression)new Lambda(NoSpan, ps, body)))),
            (1, Gen.Elements(InfixOperators).Select(op => (Expression)new NameReference(NoSpan, op))));
        var step = Identifier.SelectMany(name => ListOf(sub, 0, 2).Select(args => new InstanceStep(NoSpan, name, args)));
        var subscript = Gen.Frequency(
            (2, Identifier.Select(id => (Expression)new NameReference(NoSpan, [], id, []))),
            (1, ListOf(sub, 1, 3).Select(items => (Expression)new TupleExpression(NoSpan, items))),
            (1, sub));

        return Gen.Frequency(
            (3, Leaf(inExcept)),
            (6, Gen.Elements(InfixOperators).SelectMany(op =>
                (op == "\\X" ? ListOf(sub, 2, 4) : ListOf(sub, 2, 2))
                .Select(operands => (Expression)new OperatorApplication(NoSpan, op, Fixity.Infix, operands)))),
            (3, Gen.Elements(PrefixOperators).SelectMany(op =>
                sub.Select(operand => (Expression)new OperatorApplication(NoSpan, op, Fixity.Prefix, [operand])))),
            (2, Gen.Elements(PostfixOperators).SelectMany(op =>
                sub.Select(operand => (Expression)new OperatorApplication(NoSpan, op, Fixity.Postfix, [operand])))),
            (3, Gen.Elements(JunctionKind.Conjunction, JunctionKind.Disjunction).SelectMany(kind =>
                ListOf(sub, 1, 3).Select(items => (Expression)new JunctionList(NoSpan, kind, items)))),
            (3, ListOf(step, 0, 2).SelectMany(path => Identifier.SelectMany(name =>
                ListOf(argument, 0, 3).Select(args => (Expression)new NameReference(NoSpan, path, name, args))))),
            (1, ListOf(sub, 1, 3).Select(items => (Expression)new SetEnumeration(NoSpan, items))),
            (1, ListOf(sub, 1, 3).Select(items => (Expression)new TupleExpression(NoSpan, items))),
            (1, SingleBinder(sub, requireDomain: true).SelectMany(b => sub.Select(p => (Expression)new SetFilter(NoSpan, b, p)))),
            (1, sub.SelectMany(body => ListOf(binder, 1, 2).Select(bs => (Expression)new SetMap(NoSpan, body, bs)))),
            (1, ListOf(binder, 1, 2).SelectMany(bs => sub.Select(body => (Expression)new FunctionConstructor(NoSpan, bs, body)))),
            (2, sub.SelectMany(f => ListOf(sub, 1, 2).Select(args => (Expression)new FunctionApplication(NoSpan, f, args)))),
            (1, sub.SelectMany(d => sub.Select(r => (Expression)new FunctionSet(NoSpan, d, r)))),
            (1, Fields(sub).Select(fields => (Expression)new RecordConstructor(NoSpan, fields))),
            (1, Fields(sub).Select(fields => (Expression)new RecordSet(NoSpan, fields))),
            (2, sub.SelectMany(r => Identifier.Select(field => (Expression)new FieldAccess(NoSpan, r, field)))),
            (2, sub.SelectMany(f => ListOf(ExceptUpdate(sub, subInExcept), 1, 3).Select(us => (Expression)new Except(NoSpan, f, us)))),
            (2, sub.SelectMany(c => sub.SelectMany(t => sub.Select(e => (Expression)new IfThenElse(NoSpan, c, t, e))))),
            (1, ListOf(sub.SelectMany(g => sub.Select(v => new CaseArm(NoSpan, g, v))), 1, 3)
                .SelectMany(arms => Gen.Frequency((1, Gen.Constant<Expression?>(null)), (1, sub.Select(e => (Expression?)e)))
                    .Select(other => (Expression)new CaseExpression(NoSpan, arms, other)))),
            (2, ListOf(Definition(sub), 1, 3).SelectMany(defs => sub.Select(body => (Expression)new LetIn(NoSpan, defs, body)))),
            (2, Gen.Elements(QuantifierKind.ForAll, QuantifierKind.Exists).SelectMany(kind =>
                // Unbounded names form one group (`\A x, y : P`); bounded groups each have a domain.
                Gen.Elements(true, false).SelectMany(bounded => ListOf(Binder(sub, bounded), 1, bounded ? 3 : 1))
                    .SelectMany(bs => sub.Select(body => (Expression)new Quantifier(NoSpan, kind, bs, body))))),
            (1, Gen.Elements(QuantifierKind.ForAll, QuantifierKind.Exists).SelectMany(kind =>
                ListOf(Identifier, 1, 2).SelectMany(vs => sub.Select(body => (Expression)new TemporalQuantifier(NoSpan, kind, vs, body))))),
            (1, Gen.Elements(true, false).SelectMany(bounded => SingleBinder(sub, bounded))
                .SelectMany(b => sub.Select(body => (Expression)new Choose(NoSpan, b, body)))),
            (1, sub.SelectMany(a => subscript.Select(v => (Expression)new BoxAction(NoSpan, a, v)))),
            (1, sub.SelectMany(a => subscript.Select(v => (Expression)new AngleAction(NoSpan, a, v)))),
            (1, Gen.Elements(FairnessKind.Weak, FairnessKind.Strong).SelectMany(kind =>
                subscript.SelectMany(v => sub.Select(a => (Expression)new Fairness(NoSpan, kind, v, a))))),
            (1, Identifier.SelectMany(label => ListOf(Identifier, 0, 2).SelectMany(parameters =>
                sub.Select(body => (Expression)new LabeledExpression(NoSpan, label, parameters, body))))));
    }

    private static Gen<List<RecordField>> Fields(Gen<Expression> sub) =>
        ListOf(Identifier.SelectMany(name => sub.Select(value => new RecordField(NoSpan, name, value))), 1, 3);

    private static Gen<ExceptUpdate> ExceptUpdate(Gen<Expression> sub, Gen<Expression> value)
    {
        var pathStep = Gen.Frequency(
            (2, ListOf(sub, 1, 2).Select(args => (ExceptPathStep)new ExceptIndexStep(NoSpan, args))),
            (1, Identifier.Select(field => (ExceptPathStep)new ExceptFieldStep(NoSpan, field))));
        return ListOf(pathStep, 1, 3).SelectMany(path => value.Select(v => new ExceptUpdate(NoSpan, path, v)));
    }

    /// <summary>`x, y \in S`, `&lt;&lt;a, b&gt;&gt; \in S`, or (unbounded) `x, y`.</summary>
    private static Gen<Binder> Binder(Gen<Expression> sub, bool requireDomain) =>
        requireDomain
            ? Gen.Elements(true, false).SelectMany(isTuple => ListOf(Identifier, 1, 3)
                .SelectMany(names => sub.Select(domain => new Binder(NoSpan, names, isTuple, domain))))
            : ListOf(Identifier, 1, 3).Select(names => new Binder(NoSpan, names, false, null));

    /// <summary>The one binder of a set filter or CHOOSE: a name or a tuple, with or without a domain.</summary>
    private static Gen<Binder> SingleBinder(Gen<Expression> sub, bool requireDomain) =>
        requireDomain
            ? Gen.Elements(true, false).SelectMany(isTuple => ListOf(Identifier, 1, isTuple ? 3 : 1)
                .SelectMany(names => sub.Select(domain => new Binder(NoSpan, names, isTuple, domain))))
            : Identifier.Select(name => new Binder(NoSpan, [name], false, null));

    private static Gen<Unit> Definition(Gen<Expression> sub) => Gen.Frequency(
        (3, Identifier.SelectMany(name => ListOf(Identifier.SelectMany(p => Gen.Choose(0, 2)
                .Select(arity => new OperatorParameter(NoSpan, p.Name, arity))), 0, 2)
            .SelectMany(parameters => sub.Select(body => (Unit)new OperatorDefinition(NoSpan, name, parameters, body, false))))),
        (1, Identifier.SelectMany(name => ListOf(Binder(sub, requireDomain: true), 1, 2)
            .SelectMany(binders => sub.Select(body => (Unit)new FunctionDefinition(NoSpan, name, binders, body, false))))),
        (1, ListOf(Identifier.SelectMany(name => Gen.Choose(0, 2).Select(arity => new DeclaredOperator(NoSpan, name.Name, arity))), 1, 2)
            .Select(operators => (Unit)new RecursiveDeclaration(NoSpan, operators))));
}
