// The abstract syntax of TLA+ as SANY accepts it. Conventions the rest of the checker relies on:
//
// * Every node carries a SourceSpan (1-based, inclusive, TLC's "line l, col c to line l2, col c2").
// * Node equality: these are records, but their lists are plain IReadOnlyList<T> (reference
//   equality) and spans differ between two parses of the same text, so compare trees with
//   AstComparer (structural, ignores spans), never with ==.
// * Operators are named by ONE canonical spelling, whatever synonym the source used:
//     /\ (\land)   \/ (\lor)   ~ (\lnot, \neg)   => <=> (\equiv)   = /= (#)
//     < > <= (=<, \leq) >= (\geq)   \in \notin   \cup (\union) \cap (\intersect) \ (set minus)
//     \subseteq \subset \supseteq \supset   + - * / \div % ^ .. ...   \o (\circ)   :> @@
//     \oplus ((+)) \ominus ((-)) \odot ((.)) \oslash ((/)) \otimes ((\X))   \X (\times)
//     prefix: "-." (unary minus, SANY's name), SUBSET, UNION, DOMAIN, ENABLED, UNCHANGED, [] <>
//     postfix: "'" (prime), ^+ ^* ^#       temporal infix: ~> -+->
//   OperatorApplication holds the canonical name plus its fixity; OperatorSymbols.Canonical maps
//   a spelling to it. A user-defined infix operator (`a ++ b == ...`) is an OperatorDefinition
//   whose Name is the symbol ("++") and whose Form is Infix; its uses are OperatorApplication("++").
// * `A \X B \X C` is ONE OperatorApplication("\X") with three operands (it is not associative).
//   Likewise a chain of one left-associative infix operator written without parentheses
//   (`a + b + c`, `p /\ q /\ r`, `S \cup T \cup U`) is ONE node with all the operands, meaning the
//   left fold ((a + b) + c): long chains stay flat. `(a + b) + c` keeps its two nodes.
// * Identifiers and calls of named operators, including instance paths, are NameReference:
//   `x` (Path empty, Arguments empty), `Op(a, b)`, `M!Op`, `M(1)!Op(a)` (Path = [M(1)]).
//   BOOLEAN, STRING, Nat, Int, Real, Seq, ... are NameReferences too (bound by the checker).
//   TRUE and FALSE are BooleanLiteral. An operator symbol passed as an argument
//   (`Fold(+, 0, s)`) is a NameReference whose Name is the canonical symbol ("+").
// * Junction lists (bulleted /\ or \/ grouped by the bullets' column, as SANY does) are
//   JunctionList nodes; an infix `a /\ b /\ c` is OperatorApplication("/\", [a, b, c]).
//   A one-item list `/\ a` is a JunctionList with one item.
// * Bound variables come in Binder groups: `x, y \in S` is ONE Binder (Names [x, y], IsTuple
//   false, Domain S) meaning x \in S and y \in S; `<<a, b>> \in T` is a Binder with IsTuple true
//   (the element of T is a tuple destructured into a and b); an unbounded binder (`\E x : P`,
//   `CHOOSE x : P`) has Domain null. Binder lists keep source order.
// * EXCEPT: `[f EXCEPT ![a][b] = e1, !.fld = e2]` is Except(f, [update1, update2]); each update
//   has a path of ExceptIndexStep (`[a]`, `[a, b]` has two arguments) or ExceptFieldStep (`.fld`);
//   `@` inside a value is ExceptAt.
// * Parenthesized expressions have no node of their own, but their span includes the
//   parentheses (SANY's convention, visible in TLC's locations).
// * Labels (`lbl:: e`) are LabeledExpression; they do not change the meaning of their body.
// * Unicode spellings (≜ ∧ ∨ ∈ ∀ ⟨ ⟩ ...) produce the same trees as their ASCII forms.
// * THEOREM/LEMMA/PROOF blocks, `----` separators and text outside the module are not in the tree.
using System.Numerics;

namespace Verification.Tla.Syntax;

/// <summary>Base of every syntax node.</summary>
public abstract record SyntaxNode(SourceSpan Span);

/// <summary>A name with its location (declared names, bound variables, parameters).</summary>
public sealed record Identifier(SourceSpan Span, string Name) : SyntaxNode(Span);

// ─────────────────────────────── modules and units ───────────────────────────────

/// <summary>A module: `---- MODULE Name ----` ... `====`. Units are in source order.</summary>
public sealed record Module(SourceSpan Span, Identifier Name, IReadOnlyList<Identifier> Extends, IReadOnlyList<Unit> Units)
    : SyntaxNode(Span);

/// <summary>Base of the top-level units of a module (and of LET definitions).</summary>
public abstract record Unit(SourceSpan Span) : SyntaxNode(Span);

/// <summary>
/// One name introduced by CONSTANT(S) or RECURSIVE: `N` (Arity 0) or `F(_, _)` (Arity 2);
/// a constant operator written as an infix symbol (`_ ++ _`) has Arity 2 and Name "++".
/// </summary>
public sealed record DeclaredOperator(SourceSpan Span, string Name, int Arity) : SyntaxNode(Span);

/// <summary>`CONSTANT(S) a, F(_), ...`.</summary>
public sealed record ConstantsDeclaration(SourceSpan Span, IReadOnlyList<DeclaredOperator> Constants) : Unit(Span);

/// <summary>`VARIABLE(S) x, y`.</summary>
public sealed record VariablesDeclaration(SourceSpan Span, IReadOnlyList<Identifier> Variables) : Unit(Span);

/// <summary>
/// `ASSUME e`, `ASSUME Name == e` (also spelled ASSUMPTION / AXIOM). An AXIOM is resolved like an
/// assumption but TLC never evaluates it (SANY's AssumeNode.isAxiom).
/// </summary>
/// <summary>
/// ASSUME/AXIOM, or a named THEOREM (IsTheorem): its name is an operator whose body is the
/// statement, as SANY defines it; a theorem is never checked as an assumption.
/// </summary>
public sealed record Assumption(SourceSpan Span, Identifier? Name, Expression Body, bool IsAxiom = false, bool IsTheorem = false) : Unit(Span);

/// <summary>`RECURSIVE F(_), G` announcing operators defined later (module level or in a LET).</summary>
public sealed record RecursiveDeclaration(SourceSpan Span, IReadOnlyList<DeclaredOperator> Operators) : Unit(Span);

/// <summary>How an operator definition was written; it decides how its uses are parsed.</summary>
public enum OperatorForm { Named, Prefix, Infix, Postfix }

/// <summary>
/// A formal parameter of an operator: `x` (Arity 0) or an operator parameter `F(_, _)` (Arity 2).
/// </summary>
public sealed record OperatorParameter(SourceSpan Span, string Name, int Arity) : SyntaxNode(Span);

/// <summary>
/// `Op(p1, F(_)) == body`, `LOCAL Op == body`, or a user-defined symbol operator
/// (`a ++ b == ...`: Name "++", Form Infix, Parameters [a, b]; `-. a`: Prefix; `a ^+`: Postfix).
/// </summary>
public sealed record OperatorDefinition(
    SourceSpan Span, Identifier Name, IReadOnlyList<OperatorParameter> Parameters, Expression Body, bool IsLocal,
    OperatorForm Form = OperatorForm.Named) : Unit(Span);

/// <summary>`f[x \in S, y \in T] == body` (may refer to f: recursive functions).</summary>
public sealed record FunctionDefinition(
    SourceSpan Span, Identifier Name, IReadOnlyList<Binder> Binders, Expression Body, bool IsLocal) : Unit(Span);

/// <summary>`X <- e` in an INSTANCE's WITH clause; Name may be an operator symbol.</summary>
public sealed record Substitution(SourceSpan Span, Identifier Name, Expression Value) : SyntaxNode(Span);

/// <summary>`INSTANCE Module WITH a <- e, ...` (the part shared by every form of instance).</summary>
public sealed record Instance(SourceSpan Span, Identifier ModuleName, IReadOnlyList<Substitution> Substitutions)
    : SyntaxNode(Span);

/// <summary>An unnamed `INSTANCE X WITH ...` (or `LOCAL INSTANCE X`) at module level.</summary>
public sealed record InstanceUnit(SourceSpan Span, Instance Instance, bool IsLocal) : Unit(Span);

/// <summary>`M == INSTANCE X WITH ...` or parameterized `M(p, q) == INSTANCE X WITH ...`.</summary>
public sealed record ModuleDefinition(
    SourceSpan Span, Identifier Name, IReadOnlyList<OperatorParameter> Parameters, Instance Instance, bool IsLocal)
    : Unit(Span);

/// <summary>A module nested inside another module (rare; SANY allows it).</summary>
public sealed record NestedModule(SourceSpan Span, Module Module) : Unit(Span);

// ─────────────────────────────── expressions ───────────────────────────────

/// <summary>Base of every expression.</summary>
public abstract record Expression(SourceSpan Span) : SyntaxNode(Span);

/// <summary>Integer literal (decimal, or \b, \o, \h forms), kept exact; range checks are the checker's.</summary>
public sealed record NumberLiteral(SourceSpan Span, BigInteger Value) : Expression(Span);

/// <summary>Decimal literal such as 1.5 (module Reals); the text is kept as written.</summary>
public sealed record DecimalLiteral(SourceSpan Span, string Text) : Expression(Span);

/// <summary>String literal with escapes already decoded.</summary>
public sealed record StringLiteral(SourceSpan Span, string Value) : Expression(Span);

/// <summary>TRUE or FALSE.</summary>
public sealed record BooleanLiteral(SourceSpan Span, bool Value) : Expression(Span);

/// <summary>
/// One step of an instance path: `M` or `M(1, x)` in `M(1, x)!Op`.
/// </summary>
public sealed record InstanceStep(SourceSpan Span, Identifier Name, IReadOnlyList<Expression> Arguments) : SyntaxNode(Span);

/// <summary>
/// A name used as an expression: a variable, constant, bound variable, parameter, or a call of a
/// named operator (`Op(a, b)`), optionally through instances (`M!Op`, `M(1)!N!Op(a)`).
/// </summary>
public sealed record NameReference(
    SourceSpan Span, IReadOnlyList<InstanceStep> Path, Identifier Name, IReadOnlyList<Expression> Arguments)
    : Expression(Span)
{
    public NameReference(SourceSpan span, string name)
        : this(span, [], new Identifier(span, name), []) { }
}

/// <summary>Whether an operator is written before, between or after its operands.</summary>
public enum Fixity { Prefix, Infix, Postfix }

/// <summary>
/// Application of a symbol or keyword operator, by canonical name (see the top of this file):
/// `a + b` is ("+", Infix, [a, b]); `-a` is ("-.", Prefix, [a]); `x'` is ("'", Postfix, [x]);
/// `A \X B \X C` is ("\X", Infix, [A, B, C]). A symbol operator reached through an instance
/// (`M!+(a, b)`) is a NameReference whose Name is the symbol.
/// </summary>
public sealed record OperatorApplication(
    SourceSpan Span, string Operator, Fixity Fixity, IReadOnlyList<Expression> Operands)
    : Expression(Span);

/// <summary>Whether a junction list is a conjunction (/\ bullets) or a disjunction (\/ bullets).</summary>
public enum JunctionKind { Conjunction, Disjunction }

/// <summary>A bulleted list of /\ or \/ items, all bullets in the same column (BulletColumn).</summary>
public sealed record JunctionList(SourceSpan Span, JunctionKind Kind, IReadOnlyList<Expression> Items) : Expression(Span)
{
    public int BulletColumn => Span.Column;
}

/// <summary>
/// A group of bound variables: `x, y \in S` (IsTuple false), `&lt;&lt;a, b&gt;&gt; \in T` (IsTuple
/// true), or unbounded `x, y` (Domain null).
/// </summary>
public sealed record Binder(SourceSpan Span, IReadOnlyList<Identifier> Names, bool IsTuple, Expression? Domain)
    : SyntaxNode(Span);

/// <summary>`{a, b, c}`; `{}` has no elements.</summary>
public sealed record SetEnumeration(SourceSpan Span, IReadOnlyList<Expression> Elements) : Expression(Span);

/// <summary>`{x \in S : P}` or `{&lt;&lt;x, y&gt;&gt; \in S : P}`.</summary>
public sealed record SetFilter(SourceSpan Span, Binder Binder, Expression Predicate) : Expression(Span);

/// <summary>`{e : x \in S, y \in T}`.</summary>
public sealed record SetMap(SourceSpan Span, Expression Body, IReadOnlyList<Binder> Binders) : Expression(Span);

/// <summary>`[x \in S, y \in T |-> e]`.</summary>
public sealed record FunctionConstructor(SourceSpan Span, IReadOnlyList<Binder> Binders, Expression Body) : Expression(Span);

/// <summary>`f[a]` or `f[a, b]` (the latter applies f to the tuple &lt;&lt;a, b&gt;&gt;).</summary>
public sealed record FunctionApplication(SourceSpan Span, Expression Function, IReadOnlyList<Expression> Arguments)
    : Expression(Span);

/// <summary>`[S -> T]`.</summary>
public sealed record FunctionSet(SourceSpan Span, Expression Domain, Expression Range) : Expression(Span);

/// <summary>One `name |-> e` of a record or `name : S` of a record set.</summary>
public sealed record RecordField(SourceSpan Span, Identifier Name, Expression Value) : SyntaxNode(Span);

/// <summary>`[a |-> 1, b |-> 2]`.</summary>
public sealed record RecordConstructor(SourceSpan Span, IReadOnlyList<RecordField> Fields) : Expression(Span);

/// <summary>`[a : S, b : T]`.</summary>
public sealed record RecordSet(SourceSpan Span, IReadOnlyList<RecordField> Fields) : Expression(Span);

/// <summary>`&lt;&lt;a, b&gt;&gt;`; `&lt;&lt;&gt;&gt;` has no elements.</summary>
public sealed record TupleExpression(SourceSpan Span, IReadOnlyList<Expression> Elements) : Expression(Span);

/// <summary>`r.field`.</summary>
public sealed record FieldAccess(SourceSpan Span, Expression Record, Identifier Field) : Expression(Span);

/// <summary>One step of an EXCEPT path.</summary>
public abstract record ExceptPathStep(SourceSpan Span) : SyntaxNode(Span);

/// <summary>`[a]` or `[a, b]` in an EXCEPT path.</summary>
public sealed record ExceptIndexStep(SourceSpan Span, IReadOnlyList<Expression> Arguments) : ExceptPathStep(Span);

/// <summary>`.field` in an EXCEPT path (same meaning as `["field"]`).</summary>
public sealed record ExceptFieldStep(SourceSpan Span, Identifier Field) : ExceptPathStep(Span);

/// <summary>`!path = value`.</summary>
public sealed record ExceptUpdate(SourceSpan Span, IReadOnlyList<ExceptPathStep> Path, Expression Value) : SyntaxNode(Span);

/// <summary>`[f EXCEPT !..., !...]`; updates apply left to right.</summary>
public sealed record Except(SourceSpan Span, Expression Function, IReadOnlyList<ExceptUpdate> Updates) : Expression(Span);

/// <summary>`@` inside an EXCEPT value: the old value at the update's path.</summary>
public sealed record ExceptAt(SourceSpan Span) : Expression(Span);

/// <summary>`IF c THEN a ELSE b`.</summary>
public sealed record IfThenElse(SourceSpan Span, Expression Condition, Expression Then, Expression Else) : Expression(Span);

/// <summary>One `guard -> value` of a CASE.</summary>
public sealed record CaseArm(SourceSpan Span, Expression Guard, Expression Value) : SyntaxNode(Span);

/// <summary>`CASE g1 -> e1 [] g2 -> e2 [] OTHER -> e3` (Other null when absent).</summary>
public sealed record CaseExpression(SourceSpan Span, IReadOnlyList<CaseArm> Arms, Expression? Other) : Expression(Span);

/// <summary>
/// `LET defs IN body`. Definitions are OperatorDefinition, FunctionDefinition,
/// RecursiveDeclaration or ModuleDefinition units, in source order.
/// </summary>
public sealed record LetIn(SourceSpan Span, IReadOnlyList<Unit> Definitions, Expression Body) : Expression(Span);

/// <summary>The kind of a (non-temporal) quantifier.</summary>
public enum QuantifierKind { ForAll, Exists }

/// <summary>`\A x \in S, &lt;&lt;a, b&gt;&gt; \in T : body`, `\E x : body` (binders with null Domain).</summary>
public sealed record Quantifier(SourceSpan Span, QuantifierKind Kind, IReadOnlyList<Binder> Binders, Expression Body)
    : Expression(Span);

/// <summary>`\AA x, y : body` and `\EE x : body` (temporal quantifiers; parsed, not checked).</summary>
public sealed record TemporalQuantifier(SourceSpan Span, QuantifierKind Kind, IReadOnlyList<Identifier> Variables, Expression Body)
    : Expression(Span);

/// <summary>`CHOOSE x \in S : P`, `CHOOSE x : P`, `CHOOSE &lt;&lt;a, b&gt;&gt; \in S : P`.</summary>
public sealed record Choose(SourceSpan Span, Binder Binder, Expression Body) : Expression(Span);

/// <summary>`LAMBDA x, y : body` (only as an operator argument).</summary>
public sealed record Lambda(SourceSpan Span, IReadOnlyList<Identifier> Parameters, Expression Body) : Expression(Span);

/// <summary>`[A]_v`: A \/ UNCHANGED v.</summary>
public sealed record BoxAction(SourceSpan Span, Expression Action, Expression Subscript) : Expression(Span);

/// <summary>`&lt;&lt;A&gt;&gt;_v`: A /\ v' /= v.</summary>
public sealed record AngleAction(SourceSpan Span, Expression Action, Expression Subscript) : Expression(Span);

/// <summary>Weak or strong fairness.</summary>
public enum FairnessKind { Weak, Strong }

/// <summary>`WF_v(A)` / `SF_v(A)`.</summary>
public sealed record Fairness(SourceSpan Span, FairnessKind Kind, Expression Subscript, Expression Action) : Expression(Span);

/// <summary>
/// `lbl:: e` or `lbl(p, q):: e`: a label naming a subexpression (used by proofs and subexpression
/// references). It does not change the meaning of <see cref="Body"/>.
/// </summary>
public sealed record LabeledExpression(SourceSpan Span, Identifier Label, IReadOnlyList<Identifier> Parameters, Expression Body)
    : Expression(Span);

/// <summary>What one step of a positional subexpression name selects.</summary>
public enum SelectorKind
{
    /// <summary>`!3`: the 3rd operand, conjunct, disjunct or argument.</summary>
    Operand,

    /// <summary>`!:`: the body of a LET (its definitions stay in scope).</summary>
    LetBody,

    /// <summary>`!&lt;&lt;`: the left operand of an infix operator.</summary>
    Left,

    /// <summary>`!&gt;&gt;`: the right operand of an infix operator.</summary>
    Right,

    /// <summary>`!(e1, e2)`: the body of a quantifier (or other binder) with its bound names set to the arguments.</summary>
    Instantiate,
}

/// <summary>One `!...` step of a positional subexpression name; Index is 1-based (Operand only).</summary>
public sealed record SubexpressionSelector(SourceSpan Span, SelectorKind Kind, int Index, IReadOnlyList<Expression> Arguments)
    : SyntaxNode(Span);

/// <summary>
/// A positional subexpression name (TLA+ version 2): `Def!2!1`, `Sum(3, 4)!&lt;&lt;`, `Scaled!:`,
/// `Pos!(1)`, `M!Op!2`. <see cref="Operator"/> names the definition (with its arguments); the
/// selectors walk into its body from the left.
/// </summary>
public sealed record SubexpressionReference(SourceSpan Span, NameReference Operator, IReadOnlyList<SubexpressionSelector> Selectors)
    : Expression(Span);
