using System.Collections.Immutable;
using Verification.Tla.Syntax;

namespace Verification.Tla.Semantics;

/// <summary>
/// SANY's level checking (constant 0, state 1, action 2, temporal 3), for the errors SANY always
/// reports: an argument above the maximum level its operator allows (`x''`, `UNCHANGED x'`,
/// `ENABLED []P`, `[]P = TRUE`, `[A]_(x')`, a temporal bound set, ...), the same through the
/// parameters of defined operators (`Op(a) == a'` applied to `x'`), and an ASSUME that is not
/// constant. Levels are computed as lower bounds (what cannot be known here, such as definitions
/// reached through INSTANCE, counts as constant), so a spec SANY accepts is never rejected.
/// </summary>
public static class LevelChecker
{
    private const int Constant = 0;
    private const int State = 1;
    private const int Action = 2;
    private const int Temporal = 3;

    /// <summary>Naturals' and Integers' operators: their definitions pass their arguments' levels through.</summary>
    private static readonly HashSet<string> PassThroughStandard =
        ["+", "-", "*", "^", "<", ">", "<=", ">=", "%", "\\div", "..", "-.", "/"];

    /// <summary>Built-in operators whose arguments may be at most action level (SANY's BuiltInOperators table).</summary>
    private static readonly HashSet<string> AtMostAction =
        ["=", "/=", "\\in", "\\notin", "\\subseteq", "\\cup", "\\cap", "\\", "\\X", "SUBSET", "UNION", "DOMAIN"];

    /// <summary>Checks every module of the spec; throws a located <see cref="TlaSyntaxException"/> on the first level error.</summary>
    public static void Check(LoadedSpec spec)
    {
        var checker = new Checker();
        var tables = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        foreach (var module in spec.Modules)
        {
            var table = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var extended in module.Extends)
                if (tables.TryGetValue(extended.Name, out var inherited))
                    foreach (var (name, entry) in inherited) table[name] = entry;
            foreach (var unit in module.Units) checker.CheckUnit(unit, table);
            tables[module.Name.Name] = table;
        }
    }

    /// <summary>
    /// A lower bound of an expression's level: <see cref="Base"/>, raised to the level of each
    /// parameter in <see cref="Parameters"/> (those of enclosing definitions the level depends on).
    /// </summary>
    private readonly record struct Level(int Base, ImmutableHashSet<OperatorParameter> Parameters)
    {
        public static readonly ImmutableHashSet<OperatorParameter> None = ImmutableHashSet.Create<OperatorParameter>(ReferenceEqualityComparer.Instance);

        public static Level Of(int level) => new(level, None);

        public Level Max(Level other) => new(Math.Max(Base, other.Base), Parameters.Union(other.Parameters));
    }

    /// <summary>What a name stands for, as far as levels go.</summary>
    private abstract record Entry;

    /// <summary>A variable, constant, bound name or anything whose level is fixed.</summary>
    private sealed record FixedEntry(Level Level) : Entry;

    /// <summary>A parameter of the definition being checked.</summary>
    private sealed record ParameterEntry(OperatorParameter Parameter) : Entry;

    /// <summary>A definition: its body's level, in terms of its own parameters (and enclosing ones for LET).</summary>
    private sealed record DefinitionEntry(string Name, IReadOnlyList<OperatorParameter> Parameters, Level Body) : Entry;

    private sealed class Checker
    {
        /// <summary>The highest level each parameter's argument may have, learned from the body (3 when absent).</summary>
        private readonly Dictionary<OperatorParameter, int> _parameterMax = new(ReferenceEqualityComparer.Instance);

        public void CheckUnit(Unit unit, Dictionary<string, Entry> table)
        {
            switch (unit)
            {
                case ConstantsDeclaration constants:
                    foreach (var constant in constants.Constants) table[constant.Name] = new FixedEntry(Level.Of(Constant));
                    break;
                case VariablesDeclaration variables:
                    foreach (var variable in variables.Variables) table[variable.Name] = new FixedEntry(Level.Of(State));
                    break;
                case OperatorDefinition definition:
                {
                    var scope = new Scope(table);
                    foreach (var parameter in definition.Parameters) scope.Add(parameter.Name, new ParameterEntry(parameter));
                    table[definition.Name.Name] = new DefinitionEntry(definition.Name.Name, definition.Parameters, LevelOf(definition.Body, scope));
                    break;
                }
                case FunctionDefinition function:
                {
                    // A recursive function's own name is constant in its body (a lower bound).
                    table[function.Name.Name] = new FixedEntry(Level.Of(Constant));
                    var scope = new Scope(table);
                    var level = Binders(function.Binders, scope, "$FcnConstructor").Max(LevelOf(function.Body, scope));
                    table[function.Name.Name] = new DefinitionEntry(function.Name.Name, [], level);
                    break;
                }
                case Assumption assumption:
                {
                    var level = LevelOf(assumption.Body, new Scope(table));
                    if (assumption.IsTheorem)
                    {
                        // A theorem may state a temporal property; its name has the statement's level.
                        table[assumption.Name!.Name] = new FixedEntry(level);
                        break;
                    }
                    if (level.Base != Constant)
                        throw Error(assumption.Body.Span, $"Level error: assumptions must be level 0 (Constant), but this one has level {level.Base}.");
                    if (assumption.Name is { } name) table[name.Name] = new FixedEntry(Level.Of(Constant));
                    break;
                }
                case InstanceUnit instanceUnit:
                    foreach (var substitution in instanceUnit.Instance.Substitutions) LevelOf(substitution.Value, new Scope(table));
                    break;
                case ModuleDefinition moduleDefinition:
                {
                    var scope = new Scope(table);
                    foreach (var parameter in moduleDefinition.Parameters) scope.Add(parameter.Name, new FixedEntry(Level.Of(Constant)));
                    foreach (var substitution in moduleDefinition.Instance.Substitutions) LevelOf(substitution.Value, scope);
                    table.Remove(moduleDefinition.Name.Name);
                    break;
                }
            }
        }

        /// <summary>The level of <paramref name="expression"/>, checking every operator application on the way.</summary>
        private Level LevelOf(Expression expression, Scope scope)
        {
            switch (expression)
            {
                case NumberLiteral or DecimalLiteral or StringLiteral or BooleanLiteral or ExceptAt:
                    return Level.Of(Constant);
                case NameReference reference:
                    return Reference(reference, scope);
                case SubexpressionReference subexpression:
                    foreach (var argument in subexpression.Operator.Arguments) LevelOf(argument, scope);
                    foreach (var selector in subexpression.Selectors)
                    foreach (var argument in selector.Arguments) LevelOf(argument, scope);
                    return Level.Of(Constant);
                case OperatorApplication application:
                    return Application(application, scope);
                case JunctionList list:
                    return MaxOf(list.Items, scope);
                case IfThenElse ite:
                    return LevelOf(ite.Condition, scope).Max(LevelOf(ite.Then, scope)).Max(LevelOf(ite.Else, scope));
                case CaseExpression caseExpression:
                {
                    var level = Level.Of(Constant);
                    foreach (var arm in caseExpression.Arms) level = level.Max(LevelOf(arm.Guard, scope)).Max(LevelOf(arm.Value, scope));
                    return caseExpression.Other is null ? level : level.Max(LevelOf(caseExpression.Other, scope));
                }
                case LetIn let:
                {
                    var inner = scope.Child();
                    foreach (var definition in let.Definitions) LetDefinition(definition, inner);
                    return LevelOf(let.Body, inner);
                }
                case Quantifier quantifier:
                {
                    var inner = scope.Child();
                    return Binders(quantifier.Binders, inner, quantifier.Kind == QuantifierKind.Exists ? "\\E" : "\\A")
                        .Max(LevelOf(quantifier.Body, inner));
                }
                case Choose choose:
                {
                    var inner = scope.Child();
                    var level = Binders([choose.Binder], inner, "CHOOSE");
                    return level.Max(AtMost(LevelOf(choose.Body, inner), Action, "CHOOSE", 1, choose.Span));
                }
                case SetFilter filter:
                {
                    var inner = scope.Child();
                    var level = Binders([filter.Binder], inner, "$SubsetOf");
                    return level.Max(AtMost(LevelOf(filter.Predicate, inner), Action, "$SubsetOf", 1, filter.Span));
                }
                case SetMap map:
                {
                    var inner = scope.Child();
                    var level = Binders(map.Binders, inner, "$SetOfAll");
                    return level.Max(AtMost(LevelOf(map.Body, inner), Action, "$SetOfAll", 1, map.Span));
                }
                case FunctionConstructor constructor:
                {
                    var inner = scope.Child();
                    return Binders(constructor.Binders, inner, "$FcnConstructor").Max(LevelOf(constructor.Body, inner));
                }
                case FunctionApplication application:
                {
                    var level = AtMost(LevelOf(application.Function, scope), Action, "$FcnApply", 1, application.Span);
                    foreach (var argument in application.Arguments)
                        level = level.Max(AtMost(LevelOf(argument, scope), Action, "$FcnApply", 2, application.Span));
                    return level;
                }
                case FunctionSet set:
                    return AtMost(LevelOf(set.Domain, scope), Action, "$SetOfFcns", 1, set.Span)
                        .Max(AtMost(LevelOf(set.Range, scope), Action, "$SetOfFcns", 2, set.Span));
                case RecordConstructor record:
                    return MaxOf(record.Fields.Select(static f => f.Value).ToArray(), scope);
                case RecordSet recordSet:
                    return AtMostEach(recordSet.Fields.Select(static f => f.Value).ToArray(), scope, "$SetOfRcds", recordSet.Span);
                case TupleExpression tuple:
                    return MaxOf(tuple.Elements, scope);
                case SetEnumeration set:
                    return AtMostEach(set.Elements, scope, "$SetEnumerate", set.Span);
                case FieldAccess access:
                    return AtMost(LevelOf(access.Record, scope), Action, "$RcdSelect", 1, access.Span);
                case Except except:
                {
                    var level = AtMost(LevelOf(except.Function, scope), Action, "$Except", 1, except.Span);
                    foreach (var update in except.Updates)
                    {
                        foreach (var step in update.Path)
                            if (step is ExceptIndexStep index) level = level.Max(AtMostEach(index.Arguments, scope, "$Except", except.Span));
                        level = level.Max(AtMost(LevelOf(update.Value, scope), Action, "$Except", 2, except.Span));
                    }
                    return level;
                }
                case BoxAction box:
                    AtMost(LevelOf(box.Action, scope), Action, "$SquareAct", 1, box.Span);
                    AtMost(LevelOf(box.Subscript, scope), State, "$SquareAct", 2, box.Span);
                    return Level.Of(Action);
                case AngleAction angle:
                    AtMost(LevelOf(angle.Action, scope), Action, "$AngleAct", 1, angle.Span);
                    AtMost(LevelOf(angle.Subscript, scope), State, "$AngleAct", 2, angle.Span);
                    return Level.Of(Action);
                case Fairness fairness:
                {
                    var name = fairness.Kind == FairnessKind.Weak ? "$WF" : "$SF";
                    AtMost(LevelOf(fairness.Subscript, scope), State, name, 1, fairness.Span);
                    AtMost(LevelOf(fairness.Action, scope), Action, name, 2, fairness.Span);
                    return Level.Of(Temporal);
                }
                case TemporalQuantifier temporal:
                {
                    var inner = scope.Child();
                    foreach (var variable in temporal.Variables) inner.Add(variable.Name, new FixedEntry(Level.Of(State)));
                    LevelOf(temporal.Body, inner);
                    return Level.Of(Temporal);
                }
                case Lambda lambda:
                {
                    var inner = scope.Child();
                    foreach (var parameter in lambda.Parameters) inner.Add(parameter.Name, new FixedEntry(Level.Of(Constant)));
                    LevelOf(lambda.Body, inner);
                    return Level.Of(Constant);
                }
                case LabeledExpression labeled:
                    return LevelOf(labeled.Body, scope);
                default:
                    return Level.Of(Constant);
            }
        }

        private void LetDefinition(Unit definition, Scope scope)
        {
            switch (definition)
            {
                case OperatorDefinition op:
                {
                    var inner = scope.Child();
                    foreach (var parameter in op.Parameters) inner.Add(parameter.Name, new ParameterEntry(parameter));
                    scope.Add(op.Name.Name, new DefinitionEntry(op.Name.Name, op.Parameters, LevelOf(op.Body, inner)));
                    break;
                }
                case FunctionDefinition function:
                {
                    scope.Add(function.Name.Name, new FixedEntry(Level.Of(Constant)));
                    var inner = scope.Child();
                    var level = Binders(function.Binders, inner, "$FcnConstructor").Max(LevelOf(function.Body, inner));
                    scope.Add(function.Name.Name, new DefinitionEntry(function.Name.Name, [], level));
                    break;
                }
                case ModuleDefinition module:
                    foreach (var substitution in module.Instance.Substitutions) LevelOf(substitution.Value, scope);
                    break;
            }
        }

        /// <summary>Binds the names of binder groups (constant level) and checks their bound sets.</summary>
        private Level Binders(IReadOnlyList<Binder> binders, Scope inner, string op)
        {
            var level = Level.Of(Constant);
            foreach (var binder in binders)
            {
                if (binder.Domain is { } domain)
                {
                    var domainLevel = LevelOf(domain, inner);
                    if (domainLevel.Base > Action)
                        throw Error(binder.Span, $"Level error in applying operator {op}: the level of the range for the bounded variable {binder.Names[0].Name} exceeds the maximum level allowed by the operator.");
                    Constrain(domainLevel, Action);
                    level = level.Max(domainLevel);
                }
            }
            foreach (var binder in binders)
            foreach (var name in binder.Names)
                inner.Add(name.Name, new FixedEntry(Level.Of(Constant)));
            return level;
        }

        private Level Application(OperatorApplication application, Scope scope)
        {
            var name = application.Operator;
            var operands = application.Operands;
            var span = application.Span;
            switch (name)
            {
                case "'":
                    AtMost(LevelOf(operands[0], scope), State, name, 1, span);
                    return Level.Of(Action);
                case "UNCHANGED":
                    AtMost(LevelOf(operands[0], scope), State, name, 1, span);
                    return Level.Of(Action);
                case "ENABLED":
                    AtMost(LevelOf(operands[0], scope), Action, name, 1, span);
                    return Level.Of(State);
                case "[]" or "<>" or "~>" or "-+->":
                    MaxOf(operands, scope);
                    return Level.Of(Temporal);
                case "\\cdot":
                    AtMostEach(operands, scope, name, span);
                    return Level.Of(Action);
                case "/\\" or "\\/" or "~" or "=>" or "<=>":
                    return MaxOf(operands, scope);
            }

            if (scope.Find(name) is DefinitionEntry definition)
            {
                // A chain `a ++ b ++ c` is the left fold of the defined operator.
                var level = LevelOf(operands[0], scope);
                for (var i = 1; i < operands.Count; i++)
                    level = Call(definition, [level, LevelOf(operands[i], scope)], span);
                return operands.Count == 1 ? Call(definition, [level], span) : level;
            }

            if (AtMostAction.Contains(name)) return AtMostEach(operands, scope, name, span);
            var levels = MaxOf(operands, scope);
            return PassThroughStandard.Contains(name) ? levels : Level.Of(Constant);
        }

        private Level Reference(NameReference reference, Scope scope)
        {
            var arguments = reference.Arguments.Select(a => LevelOf(a, scope)).ToArray();
            foreach (var step in reference.Path)
            foreach (var argument in step.Arguments)
                LevelOf(argument, scope);
            if (reference.Path.Count > 0) return Level.Of(Constant);
            return scope.Find(reference.Name.Name) switch
            {
                FixedEntry entry => entry.Level,
                ParameterEntry { Parameter: var parameter } => new Level(Constant, Level.None.Add(parameter)),
                DefinitionEntry definition when definition.Parameters.Count == arguments.Length => Call(definition, arguments, reference.Span),
                _ => Level.Of(Constant),
            };
        }

        /// <summary>The level of a call: the body's, with each parameter replaced by its argument's level.</summary>
        private Level Call(DefinitionEntry definition, IReadOnlyList<Level> arguments, SourceSpan span)
        {
            var level = new Level(definition.Body.Base, definition.Body.Parameters.Except(definition.Parameters));
            for (var i = 0; i < definition.Parameters.Count && i < arguments.Count; i++)
            {
                var parameter = definition.Parameters[i];
                if (parameter.Arity > 0) continue;
                if (_parameterMax.TryGetValue(parameter, out var max)) AtMost(arguments[i], max, definition.Name, i + 1, span);
                if (definition.Body.Parameters.Contains(parameter)) level = level.Max(arguments[i]);
            }
            return level;
        }

        private Level MaxOf(IReadOnlyList<Expression> expressions, Scope scope)
        {
            var level = Level.Of(Constant);
            foreach (var expression in expressions) level = level.Max(LevelOf(expression, scope));
            return level;
        }

        private Level AtMostEach(IReadOnlyList<Expression> expressions, Scope scope, string op, SourceSpan span)
        {
            var level = Level.Of(Constant);
            for (var i = 0; i < expressions.Count; i++) level = level.Max(AtMost(LevelOf(expressions[i], scope), Action, op, i + 1, span));
            return level;
        }

        /// <summary>
        /// Checks that an argument's level is at most <paramref name="max"/>; the parameters it
        /// depends on inherit the limit (SANY's level constraints on parameters).
        /// </summary>
        private Level AtMost(Level level, int max, string op, int position, SourceSpan span)
        {
            if (level.Base > max)
                throw Error(span, $"Level error in applying operator {op}: the level of argument {position} exceeds the maximum level allowed by the operator.");
            Constrain(level, max);
            return level;
        }

        private void Constrain(Level level, int max)
        {
            foreach (var parameter in level.Parameters)
                _parameterMax[parameter] = Math.Min(max, _parameterMax.GetValueOrDefault(parameter, Temporal));
        }

        private static TlaSyntaxException Error(SourceSpan span, string message) => new(new Diagnostic(span, message));
    }

    /// <summary>Names visible at a point: module-level entries, then bound ones (innermost last).</summary>
    private sealed class Scope(Dictionary<string, Entry> module, Scope? parent = null)
    {
        private readonly Dictionary<string, Entry> _bound = new(StringComparer.Ordinal);

        public Scope Child() => new(module, this);

        public void Add(string name, Entry entry) => _bound[name] = entry;

        public Entry? Find(string name)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
                if (scope._bound.TryGetValue(name, out var entry)) return entry;
            return module.GetValueOrDefault(name);
        }

        private Scope? Parent => parent;
    }
}
