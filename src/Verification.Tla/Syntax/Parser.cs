using System.Numerics;

namespace Verification.Tla.Syntax;

/// <summary>
/// Parses TLA+ text into the tree of Ast.cs. Recursive descent for the constructs, an
/// operator-precedence loop with SANY's ranges for operators (overlapping ranges are a
/// "precedence conflict" error, as in SANY), and SANY's layout rule for junction lists: every token
/// of a bulleted item lies strictly to the right of its bullet, so the first token at or left of
/// the bullet's column ends the item.
/// Every failure is a <see cref="TlaSyntaxException"/> carrying a located diagnostic.
/// </summary>
public static class TlaParser
{
    /// <summary>Parses the first module in <paramref name="text"/> (text around it is ignored).</summary>
    public static Module ParseModule(string text, string file)
    {
        var tokens = Lexer.Tokenize(text, file);
        var parser = new ParserCore(tokens, file);
        return Guard(parser, parser.ParseModuleAndEnd);
    }

    /// <summary>Reads a .tla file and parses its first module.</summary>
    public static Module ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlaSyntaxException(new Diagnostic(new SourceSpan(path, 0, 0, 0, 0), $"cannot read '{path}': {e.Message}"));
        }

        return ParseModule(text, path);
    }

    /// <summary>Parses a standalone expression (no module framing), e.g. for tests and tools.</summary>
    public static Expression ParseExpression(string text, string file = "<expression>")
    {
        var tokens = Lexer.TokenizeFragment(text, file);
        var parser = new ParserCore(tokens, file);
        return Guard(parser, parser.ParseExpressionAndEnd);
    }

    /// <summary>
    /// Deep nesting is the only way a parser can fail other than by a diagnostic; turn it into one.
    /// </summary>
    private static T Guard<T>(ParserCore parser, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new TlaSyntaxException(new Diagnostic(parser.CurrentSpan, "expression is nested too deeply"));
        }
    }
}

internal sealed class ParserCore(List<Token> tokens, string file)
{
    private static readonly HashSet<string> ProofKeywords =
        ["PROOF", "PROVE", "BY", "OBVIOUS", "OMITTED", "QED", "DEF", "DEFS", "USE", "HIDE", "HAVE", "TAKE", "WITNESS", "PICK", "SUFFICES", "DEFINE"];

    private int _index;

    /// <summary>Columns of the enclosing junction-list bullets; the innermost is last.</summary>
    private readonly List<(int Column, Token Bullet)> _fences = [];

    private int _exceptDepth;

    // ───────────────────────────── token access ─────────────────────────────

    private Token Raw => tokens[_index];

    /// <summary>Where the parser is: the token it is looking at.</summary>
    public SourceSpan CurrentSpan => SpanOf(Raw);

    private bool IsFenced(Token token) =>
        _fences.Count > 0 && token.Kind != TokenKind.EndOfFile && token.Column <= _fences[^1].Column;

    /// <summary>The current token, or a virtual end when the layout rule ends the current item.</summary>
    private Token Current => IsFenced(Raw) || _index >= _statementEnd ? Raw with { Kind = TokenKind.EndOfFile } : Raw;

    private Token PeekAt(int offset)
    {
        var index = Math.Min(_index + offset, tokens.Count - 1);
        var token = tokens[index];
        return IsFenced(token) || index >= _statementEnd ? token with { Kind = TokenKind.EndOfFile } : token;
    }

    /// <summary>While a theorem's statement is parsed: the index of the first token after it.</summary>
    private int _statementEnd = int.MaxValue;

    private Token Previous => tokens[Math.Max(_index - 1, 0)];

    private Token Advance()
    {
        var token = Raw;
        if (token.Kind != TokenKind.EndOfFile) _index++;
        return token;
    }

    private bool AtSymbol(string text) => Current.IsSymbol(text);

    private bool AtKeyword(string text) => Current.IsKeyword(text);

    private bool TrySymbol(string text)
    {
        if (!AtSymbol(text)) return false;
        Advance();
        return true;
    }

    private Token ExpectSymbol(string text) => AtSymbol(text) ? Advance() : throw Expected($"'{text}'");

    private Token ExpectKeyword(string text) => AtKeyword(text) ? Advance() : throw Expected($"'{text}'");

    private Identifier ExpectIdentifier(string what = "a name")
    {
        if (Current.Kind != TokenKind.Identifier) throw Expected(what);
        var token = Advance();
        return new Identifier(SpanOf(token), token.Text);
    }

    private SourceSpan SpanOf(Token token) => new(file, token.Line, token.Column, token.EndLine, token.EndColumn);

    private SourceSpan SpanFrom(Token start)
    {
        var end = Previous;
        return new SourceSpan(file, start.Line, start.Column, end.EndLine, end.EndColumn);
    }

    private SourceSpan SpanFrom(SourceSpan start)
    {
        var end = Previous;
        return new SourceSpan(file, start.Line, start.Column, end.EndLine, end.EndColumn);
    }

    private TlaSyntaxException ErrorAt(Token token, string message) => new(new Diagnostic(SpanOf(token), message));

    private TlaSyntaxException Expected(string what)
    {
        var token = Raw;
        var message = $"expected {what} but found {token.Describe()}";
        if (IsFenced(token))
        {
            var (_, bullet) = _fences[^1];
            message += $", which is not to the right of the '{bullet.Text}' bullet at line {bullet.Line}, col {bullet.Column}";
        }

        return ErrorAt(token, message);
    }

    // ───────────────────────────── modules ─────────────────────────────

    public Module ParseModuleAndEnd()
    {
        var module = ParseModule();
        if (Raw.Kind != TokenKind.EndOfFile) throw Expected("end of file");
        return module;
    }

    public Expression ParseExpressionAndEnd()
    {
        var expression = ParseExpression();
        if (Raw.Kind != TokenKind.EndOfFile) throw Expected("an operator or end of input");
        return expression;
    }

    private Module ParseModule()
    {
        if (Current.Kind != TokenKind.Separator) throw Expected("'---- MODULE'");
        var start = Advance();
        ExpectKeyword("MODULE");
        var name = ExpectIdentifier("the module name");
        if (Current.Kind != TokenKind.Separator) throw Expected("'----' after the module name");
        Advance();

        var extends = new List<Identifier>();
        if (AtKeyword("EXTENDS"))
        {
            Advance();
            do extends.Add(ExpectIdentifier("a module name")); while (TrySymbol(","));
        }

        var units = new List<Unit>();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.ModuleEnd)
            {
                Advance();
                return new Module(SpanFrom(start), name, extends, units);
            }

            if (token.Kind == TokenKind.Separator)
            {
                if (PeekAt(1).IsKeyword("MODULE"))
                {
                    var nested = ParseModule();
                    units.Add(new NestedModule(nested.Span, nested));
                }
                else
                {
                    Advance();
                }

                continue;
            }

            if (token.Kind == TokenKind.EndOfFile) throw Expected("'====' at the end of module " + name.Name);
            var unit = ParseUnit();
            if (unit is not null) units.Add(unit);
        }
    }

    /// <summary>One top-level unit; null for THEOREM/LEMMA and their proofs, which are skipped.</summary>
    private Unit? ParseUnit()
    {
        var start = Current;
        if (start.Kind == TokenKind.Keyword)
        {
            switch (start.Text)
            {
                case "CONSTANT" or "CONSTANTS":
                    Advance();
                    return new ConstantsDeclaration(SpanFrom(start), ParseDeclaredOperators());
                case "VARIABLE" or "VARIABLES":
                {
                    Advance();
                    var variables = new List<Identifier>();
                    do variables.Add(ExpectIdentifier("a variable name")); while (TrySymbol(","));
                    return new VariablesDeclaration(SpanFrom(start), variables);
                }
                case "ASSUME" or "ASSUMPTION" or "AXIOM":
                {
                    Advance();
                    Identifier? assumptionName = null;
                    if (Current.Kind == TokenKind.Identifier && PeekAt(1).IsSymbol("=="))
                    {
                        assumptionName = ExpectIdentifier();
                        Advance();
                    }

                    var body = ParseExpression();
                    return new Assumption(SpanFrom(start), assumptionName, body, IsAxiom: start.Text == "AXIOM");
                }
                case "THEOREM" or "LEMMA" or "PROPOSITION" or "COROLLARY" when NamedTheorem(start) is { } theorem:
                    return theorem;
                case "THEOREM" or "LEMMA" or "PROPOSITION" or "COROLLARY" or "PROOF" or "BY" or "OBVIOUS" or "OMITTED" or "USE" or "HIDE":
                    SkipTheoremAndProof();
                    return null;
                case "RECURSIVE":
                    Advance();
                    return new RecursiveDeclaration(SpanFrom(start), ParseDeclaredOperators());
                case "INSTANCE":
                {
                    var instance = ParseInstance();
                    return new InstanceUnit(SpanFrom(start), instance, IsLocal: false);
                }
                case "LOCAL":
                {
                    Advance();
                    if (AtKeyword("INSTANCE"))
                    {
                        var instance = ParseInstance();
                        return new InstanceUnit(SpanFrom(start), instance, IsLocal: true);
                    }

                    return ParseDefinition(start, isLocal: true);
                }
            }
        }

        return ParseDefinition(start, isLocal: false);
    }

    /// <summary>
    /// `THEOREM Name == expr` (then its proof, skipped): SANY defines Name as an operator whose body
    /// is the statement, usable in expressions (`ASSUME Name`, `Name!:`). An ASSUME ... PROVE
    /// statement, or one this parser cannot read as an expression, stays skipped as before.
    /// </summary>
    private Assumption? NamedTheorem(Token start)
    {
        if (!(PeekAt(1).Kind == TokenKind.Identifier && PeekAt(2).IsSymbol("=="))) return null;
        var (saved, fences, exceptDepth, nesting) = (_index, _fences.Count, _exceptDepth, _nesting);
        try
        {
            Advance();
            var name = ExpectIdentifier();
            Advance();
            if (Raw.IsKeyword("ASSUME")) { _index = saved; return null; }
            // The statement ends where its proof begins (a step `<1>a` would otherwise read as
            // `< 1 > a`) or at the next unit.
            _statementEnd = StatementEnd(_index);
            var body = ParseExpression();
            if (_index != _statementEnd) throw ErrorAt(Raw, "the theorem's statement does not end before its proof");
            _statementEnd = int.MaxValue;
            var theorem = new Assumption(SpanFrom(start), name, body, IsTheorem: true);
            SkipProof();
            return theorem;
        }
        catch (TlaSyntaxException)
        {
            _statementEnd = int.MaxValue;
            _index = saved;
            _fences.RemoveRange(fences, _fences.Count - fences);
            _exceptDepth = exceptDepth;
            _nesting = nesting;
            return null;
        }
    }

    // Where a theorem's statement that starts at `from` ends: before the first token of its proof
    // (a proof keyword, or a step number `<1>`, `<*>`, `<+>` starting a line) or of the next unit.
    private int StatementEnd(int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd or TokenKind.Separator) return i;
            if (i > from && token.Column == 1) return i;
            if (token.Kind == TokenKind.Keyword && token.Text is "PROOF" or "BY" or "OBVIOUS" or "OMITTED") return i;
            var startsLine = i == from || tokens[i - 1].EndLine < token.Line;
            if (startsLine && token.IsSymbol("<") && i + 1 < tokens.Count
                && (tokens[i + 1].Kind == TokenKind.Number || tokens[i + 1].IsSymbol("*") || tokens[i + 1].IsSymbol("+")))
                return i;
        }
        return tokens.Count - 1;
    }

    /// <summary>
    /// Skips a THEOREM (or LEMMA ...) statement and its proof: everything up to the next token in
    /// column 1 that is not a proof step (proof steps start with '&lt;' as in &lt;1&gt;2 or with a
    /// proof keyword).
    /// </summary>
    private void SkipTheoremAndProof()
    {
        var keyword = Advance();
        // `LEMMA Name ==` then `ASSUME ... PROVE ...` (its ASSUME may start a line, as a unit's would).
        if (keyword.Text is "THEOREM" or "LEMMA" or "PROPOSITION" or "COROLLARY")
        {
            if (Raw.Kind == TokenKind.Identifier && PeekAt(1).IsSymbol("==")) { Advance(); Advance(); }
            if (Raw.IsKeyword("ASSUME")) Advance();
        }

        SkipProof();
    }

    private void SkipProof()
    {
        while (true)
        {
            var token = Raw;
            if (token.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd or TokenKind.Separator) return;
            if (token.Column == 1 && !token.IsSymbol("<") && !(token.Kind == TokenKind.Keyword && ProofKeywords.Contains(token.Text)))
                return;
            Advance();
        }
    }

    private List<DeclaredOperator> ParseDeclaredOperators()
    {
        var declared = new List<DeclaredOperator>();
        do
        {
            var start = Current;
            if (start.Kind == TokenKind.Identifier)
            {
                var name = ExpectIdentifier();
                var arity = ParseUnderscoreArity();
                declared.Add(new DeclaredOperator(SpanFrom(start), name.Name, arity));
            }
            else
            {
                var (symbol, arity) = ParseOperatorTemplate();
                declared.Add(new DeclaredOperator(SpanFrom(start), symbol, arity));
            }
        }
        while (TrySymbol(","));

        return declared;
    }

    /// <summary>The arity written after a declared name: nothing (0) or `(_, _)` (2).</summary>
    private int ParseUnderscoreArity()
    {
        if (!TrySymbol("(")) return 0;
        var arity = 0;
        do
        {
            ExpectSymbol("_");
            arity++;
        }
        while (TrySymbol(","));

        ExpectSymbol(")");
        return arity;
    }

    /// <summary>`_ + _`, `-. _` or `_ ^+`: an operator declared by its symbol.</summary>
    private (string Symbol, int Arity) ParseOperatorTemplate()
    {
        if (TrySymbol("_"))
        {
            var op = Current;
            if (op.Kind == TokenKind.Symbol && OperatorSymbols.PostfixOperator(op.Text) is { } postfix)
            {
                Advance();
                return (postfix.Name, 1);
            }

            if (op.Kind == TokenKind.Symbol && OperatorSymbols.InfixOperator(op.Text) is { } infix)
            {
                Advance();
                ExpectSymbol("_");
                return (infix.Name, 2);
            }

            throw Expected("an infix or postfix operator after '_'");
        }

        if (AtSymbol("-") && PeekAt(1).IsSymbol("."))
        {
            Advance();
            Advance();
            ExpectSymbol("_");
            return ("-.", 1);
        }

        if (AtSymbol("~"))
        {
            Advance();
            ExpectSymbol("_");
            return ("~", 1);
        }

        throw Expected("a name or an operator template such as '_ + _'");
    }

    private Instance ParseInstance()
    {
        var start = ExpectKeyword("INSTANCE");
        var moduleName = ExpectIdentifier("a module name");
        var substitutions = new List<Substitution>();
        if (AtKeyword("WITH"))
        {
            Advance();
            do
            {
                var substitutionStart = Current;
                Identifier name;
                if (Current.Kind == TokenKind.Identifier)
                {
                    name = ExpectIdentifier();
                }
                else if (Current.Kind == TokenKind.Symbol && SymbolOperatorName(Current) is { } symbol)
                {
                    name = new Identifier(SpanOf(Advance()), symbol);
                }
                else
                {
                    throw Expected("a name to substitute");
                }

                ExpectSymbol("<-");
                var value = ParseArgument();
                substitutions.Add(new Substitution(SpanFrom(substitutionStart), name, value));
            }
            while (TrySymbol(","));
        }

        return new Instance(SpanFrom(start), moduleName, substitutions);
    }

    /// <summary>
    /// A definition at module level or in a LET: operator, function, symbol operator, or module
    /// instance (`M == INSTANCE ...`).
    /// </summary>
    private Unit ParseDefinition(Token start, bool isLocal, bool inLet = false)
    {
        var first = Current;

        // Prefix operator definitions: `-. a == e`, `~ a == e`.
        if (first.IsSymbol("-") && PeekAt(1).IsSymbol(".") || first.IsSymbol("~"))
        {
            var symbolToken = Advance();
            if (symbolToken.Text == "-") Advance();
            var operand = ExpectIdentifier("the operand name");
            ExpectSymbol("==");
            var body = ParseExpression();
            var name = new Identifier(SpanOf(symbolToken), symbolToken.Text == "-" ? "-." : "~");
            return new OperatorDefinition(SpanFrom(start), name, [new OperatorParameter(operand.Span, operand.Name, 0)], body,
                isLocal, OperatorForm.Prefix);
        }

        if (first.Kind != TokenKind.Identifier)
            throw Expected(inLet ? "a definition or 'IN'" : isLocal ? "a definition or 'INSTANCE' after 'LOCAL'" : "a definition, a declaration or '===='");

        var next = PeekAt(1);
        var isSymbolDefinition = next.Kind == TokenKind.Symbol &&
                                 (OperatorSymbols.PostfixOperator(next.Text) is not null && PeekAt(2).IsSymbol("==")
                                  || OperatorSymbols.InfixOperator(next.Text) is not null && PeekAt(2).Kind == TokenKind.Identifier && PeekAt(3).IsSymbol("=="));
        if (isSymbolDefinition)
        {
            // Infix `a ++ b == e` or postfix `a ^+ == e` definitions.
            var left = ExpectIdentifier();
            var symbolToken = Current;
            if (OperatorSymbols.PostfixOperator(symbolToken.Text) is { } postfix && PeekAt(1).IsSymbol("=="))
            {
                Advance();
                Advance();
                var postfixBody = ParseExpression();
                return new OperatorDefinition(SpanFrom(start), new Identifier(SpanOf(symbolToken), postfix.Name),
                    [new OperatorParameter(left.Span, left.Name, 0)], postfixBody, isLocal, OperatorForm.Postfix);
            }

            if (OperatorSymbols.InfixOperator(symbolToken.Text) is not { } infix) throw Expected("'=='");
            Advance();
            var right = ExpectIdentifier("the right operand name");
            ExpectSymbol("==");
            var infixBody = ParseExpression();
            return new OperatorDefinition(SpanFrom(start), new Identifier(SpanOf(symbolToken), infix.Name),
                [new OperatorParameter(left.Span, left.Name, 0), new OperatorParameter(right.Span, right.Name, 0)],
                infixBody, isLocal, OperatorForm.Infix);
        }

        var definedName = ExpectIdentifier();
        if (AtSymbol("["))
        {
            Advance();
            var binders = ParseBinders(requireDomain: true, closer: "]");
            ExpectSymbol("]");
            ExpectSymbol("==");
            var functionBody = ParseExpression();
            return new FunctionDefinition(SpanFrom(start), definedName, binders, functionBody, isLocal);
        }

        var parameters = new List<OperatorParameter>();
        if (TrySymbol("("))
        {
            do parameters.Add(ParseParameter()); while (TrySymbol(","));
            ExpectSymbol(")");
        }

        ExpectSymbol("==");
        if (AtKeyword("INSTANCE"))
        {
            var instance = ParseInstance();
            return new ModuleDefinition(SpanFrom(start), definedName, parameters, instance, isLocal);
        }

        var definitionBody = ParseExpression();
        return new OperatorDefinition(SpanFrom(start), definedName, parameters, definitionBody, isLocal);
    }

    private OperatorParameter ParseParameter()
    {
        var start = Current;
        if (start.Kind == TokenKind.Identifier)
        {
            var name = ExpectIdentifier();
            var arity = ParseUnderscoreArity();
            return new OperatorParameter(SpanFrom(start), name.Name, arity);
        }

        var (symbol, symbolArity) = ParseOperatorTemplate();
        return new OperatorParameter(SpanFrom(start), symbol, symbolArity);
    }

    // ───────────────────────────── expressions ─────────────────────────────

    private readonly record struct PendingOperator(OperatorInfo Info, Token Token);

    /// <summary>
    /// Operator-precedence parsing over SANY's ranges. Operands are primaries with their postfix
    /// forms; prefix operators wait on the stack like infix ones.
    /// </summary>
    internal Expression ParseExpression()
    {
        // Nesting is capped so that neither the parser nor the recursive passes over the tree
        // (compiler, printer) can overflow the stack, whatever the thread's stack size.
        if (++_nesting > MaxNesting) throw ErrorAt(Raw, $"expression is nested too deeply (more than {MaxNesting} levels)");
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            return ParseOperatorExpression();
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>Deeper than any hand-written spec; far below what the stack can hold.</summary>
    internal const int MaxNesting = 1000;

    private int _nesting;

    private Expression ParseOperatorExpression()
    {
        var operands = new List<Expression>();
        var operators = new List<PendingOperator>();
        var chains = new HashSet<Expression>(ReferenceEqualityComparer.Instance);
        while (true)
        {
            // Operand position: any prefix operators, then a primary.
            var prefixes = 0;
            while (PrefixOperatorAt() is { } prefix)
            {
                if (++prefixes > MaxNesting) throw ErrorAt(Raw, $"expression is nested too deeply (more than {MaxNesting} prefix operators in a row)");
                var token = Advance();
                operators.Add(new PendingOperator(prefix, token));
            }

            operands.Add(ParsePostfix(ParsePrimary()));

            // Operator position.
            var infix = InfixOperatorAt();
            if (infix is null) break;
            var infixToken = Current;
            while (operators.Count > 0)
            {
                var top = operators[^1];
                if (top.Info.High < infix.Low) break;
                if (top.Info.Name == "\\X" && infix.Name == "\\X" && top.Info.Fixity == Fixity.Infix) break;
                if (top.Info.Low > infix.High || (top.Info.Fixity == Fixity.Infix && top.Info.Name == infix.Name && infix.LeftAssociative))
                {
                    Reduce(operands, operators, chains);
                    continue;
                }

                throw ErrorAt(infixToken,
                    $"precedence conflict between '{top.Token.Text}' at line {top.Token.Line}, col {top.Token.Column} and '{infixToken.Text}'; add parentheses");
            }

            Advance();
            operators.Add(new PendingOperator(infix, infixToken));
        }

        while (operators.Count > 0) Reduce(operands, operators, chains);
        return operands[0];
    }

    /// <summary>
    /// Reduces the operator on top of the stack. A chain of one left-associative infix operator
    /// (`a + b + c`, `p /\ q /\ r`) becomes ONE node with all the operands (meaning the left fold),
    /// so that long chains give flat trees that no later pass needs deep recursion for;
    /// <paramref name="chains"/> holds the nodes built that way (a parenthesized `(a + b)` is not one).
    /// </summary>
    private void Reduce(List<Expression> operands, List<PendingOperator> operators, HashSet<Expression> chains)
    {
        var op = operators[^1];
        operators.RemoveAt(operators.Count - 1);
        if (op.Info.Fixity == Fixity.Prefix)
        {
            var operand = operands[^1];
            var span = SpanOf(op.Token).To(operand.Span);
            operands[^1] = new OperatorApplication(span, op.Info.Name, Fixity.Prefix, [operand]);
            return;
        }

        // A chain A \X B \X C is one n-ary product: gather the \X operators waiting below this one.
        var arity = 2;
        while (op.Info.Name == "\\X" && operators.Count > 0 && operators[^1].Info.Name == "\\X" && operators[^1].Info.Fixity == Fixity.Infix)
        {
            operators.RemoveAt(operators.Count - 1);
            arity++;
        }

        if (arity == 2 && op.Info.LeftAssociative && op.Info.Name != "\\X"
            && operands[^2] is OperatorApplication { Fixity: Fixity.Infix, Operands: List<Expression> chain } left
            && left.Operator == op.Info.Name && chains.Contains(left))
        {
            // The chain's operand list is private to this parse, so it grows in place (linear time).
            var right = operands[^1];
            chain.Add(right);
            operands.RemoveRange(operands.Count - 2, 2);
            var longer = left with { Span = left.Span.To(right.Span) };
            chains.Remove(left);
            chains.Add(longer);
            operands.Add(longer);
            return;
        }

        var arguments = operands.GetRange(operands.Count - arity, arity);
        operands.RemoveRange(operands.Count - arity, arity);
        var application = new OperatorApplication(arguments[0].Span.To(arguments[^1].Span), op.Info.Name, Fixity.Infix, arguments);
        if (op.Info.LeftAssociative) chains.Add(application);
        operands.Add(application);
    }

    private OperatorInfo? PrefixOperatorAt()
    {
        var token = Current;
        if (token.Kind == TokenKind.Keyword)
            return token.Text is "SUBSET" or "UNION" or "DOMAIN" or "ENABLED" or "UNCHANGED" ? OperatorSymbols.PrefixOperator(token.Text) : null;
        if (token.Kind != TokenKind.Symbol) return null;
        return token.Text switch
        {
            "-" => OperatorSymbols.PrefixOperator("-."),
            "~" or "\\lnot" or "\\neg" or "[]" or "<>" => OperatorSymbols.PrefixOperator(token.Text),
            _ => null,
        };
    }

    private OperatorInfo? InfixOperatorAt()
    {
        var token = Current;
        if (token.Kind != TokenKind.Symbol) return null;
        // `-.` starts the definition of prefix minus (`-. a == ...`); it is never an infix minus.
        if (token.Text == "-" && PeekAt(1) is { Text: "." } dot && dot.Line == token.Line && dot.Column == token.EndColumn + 1) return null;
        return OperatorSymbols.InfixOperator(token.Text);
    }

    /// <summary>Function application, record field access and postfix operators, binding tightest.</summary>
    private Expression ParsePostfix(Expression expression)
    {
        for (var count = 0; ; count++)
        {
            var token = Current;
            if (count > MaxNesting) throw ErrorAt(token, $"expression is nested too deeply (more than {MaxNesting} postfix operators, applications or fields in a row)");
            if (token.IsSymbol("["))
            {
                Advance();
                var arguments = ParseExpressionList("]");
                ExpectSymbol("]");
                expression = new FunctionApplication(SpanFrom(expression.Span), expression, arguments);
            }
            else if (token.IsSymbol(".") && PeekAt(1).Kind == TokenKind.Identifier)
            {
                Advance();
                var field = ExpectIdentifier();
                expression = new FieldAccess(SpanFrom(expression.Span), expression, field);
            }
            else if (token.Kind == TokenKind.Symbol && OperatorSymbols.PostfixOperator(token.Text) is { } postfix)
            {
                Advance();
                expression = new OperatorApplication(SpanFrom(expression.Span), postfix.Name, Fixity.Postfix, [expression]);
            }
            else
            {
                return expression;
            }
        }
    }

    private List<Expression> ParseExpressionList(string closer)
    {
        var items = new List<Expression>();
        if (AtSymbol(closer)) return items;
        do items.Add(ParseExpression()); while (TrySymbol(","));
        return items;
    }

    private Expression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(SpanOf(token), (BigInteger)token.Value!);
            case TokenKind.Decimal:
                Advance();
                return new DecimalLiteral(SpanOf(token), token.Text);
            case TokenKind.String:
                Advance();
                return new StringLiteral(SpanOf(token), (string)token.Value!);
            case TokenKind.Identifier:
                return StartsLabel() ? ParseLabel(token) : ParseNameReference();
            case TokenKind.Keyword:
                return ParseKeywordExpression(token);
            case TokenKind.Symbol:
                return ParseSymbolExpression(token);
            default:
                throw Expected("an expression");
        }
    }

    private Expression ParseKeywordExpression(Token token)
    {
        switch (token.Text)
        {
            case "TRUE" or "FALSE":
                Advance();
                return new BooleanLiteral(SpanOf(token), token.Text == "TRUE");
            case "BOOLEAN" or "STRING":
                Advance();
                return new NameReference(SpanOf(token), token.Text);
            case "IF":
            {
                Advance();
                var condition = ParseExpression();
                ExpectKeyword("THEN");
                var then = ParseExpression();
                ExpectKeyword("ELSE");
                var otherwise = ParseExpression();
                return new IfThenElse(SpanFrom(token), condition, then, otherwise);
            }
            case "CASE":
                return ParseCase(token);
            case "LET":
                return ParseLet(token);
            case "CHOOSE":
            {
                Advance();
                var binder = ParseChooseBinder();
                ExpectSymbol(":");
                var body = ParseExpression();
                return new Choose(SpanFrom(token), binder, body);
            }
            case "WF_" or "SF_":
            {
                Advance();
                var subscript = ParseSubscript();
                ExpectSymbol("(");
                var action = ParseExpression();
                ExpectSymbol(")");
                return new Fairness(SpanFrom(token), token.Text == "WF_" ? FairnessKind.Weak : FairnessKind.Strong, subscript, action);
            }
            case "LAMBDA":
                throw ErrorAt(token, "LAMBDA is only allowed as an argument of an operator");
            default:
                throw Expected("an expression");
        }
    }

    private Expression ParseSymbolExpression(Token token)
    {
        switch (token.Text)
        {
            case "(":
            {
                Advance();
                // The enclosing bullets still fence the inside of parentheses, as in SANY.
                var inner = ParseExpression();
                ExpectSymbol(")");
                // SANY's locations include the parentheses (TLC prints them in traces and errors).
                return inner with { Span = SpanFrom(token) };
            }
            case "/\\" or "\\/" or "\\land" or "\\lor":
                return ParseJunctionList();
            case "{":
                return ParseBraces(token);
            case "<<":
                return ParseTuple(token);
            case "[":
                return ParseBrackets(token);
            case "\\A" or "\\E":
                return ParseQuantifier(token);
            case "\\AA" or "\\EE":
            {
                Advance();
                var variables = new List<Identifier>();
                do variables.Add(ExpectIdentifier("a variable name")); while (TrySymbol(","));
                ExpectSymbol(":");
                var body = ParseExpression();
                return new TemporalQuantifier(SpanFrom(token), token.Text == "\\AA" ? QuantifierKind.ForAll : QuantifierKind.Exists,
                    variables, body);
            }
            case "@":
                if (_exceptDepth == 0) throw ErrorAt(token, "'@' is only allowed in the value of an EXCEPT update");
                Advance();
                return new ExceptAt(SpanOf(token));
            default:
                throw Expected("an expression");
        }
    }

    private Expression ParseJunctionList()
    {
        var bullet = Current;
        var bulletText = OperatorSymbols.Canonical(bullet.Text);
        var kind = bulletText == "/\\" ? JunctionKind.Conjunction : JunctionKind.Disjunction;
        var items = new List<Expression>();
        while (true)
        {
            Advance();
            _fences.Add((bullet.Column, bullet));
            try
            {
                items.Add(ParseExpression());
            }
            finally
            {
                _fences.RemoveAt(_fences.Count - 1);
            }

            var next = Current;
            if (next.Kind != TokenKind.Symbol || next.Column != bullet.Column || OperatorSymbols.Canonical(next.Text) != bulletText) break;
        }

        return new JunctionList(SpanFrom(bullet), kind, items);
    }

    /// <summary>`lbl::` or `lbl(a, b)::` ahead.</summary>
    private bool StartsLabel()
    {
        if (PeekAt(1).IsSymbol("::")) return true;
        if (!PeekAt(1).IsSymbol("(")) return false;
        var offset = 2;
        while (PeekAt(offset).Kind == TokenKind.Identifier && PeekAt(offset + 1).IsSymbol(",")) offset += 2;
        return PeekAt(offset).Kind == TokenKind.Identifier && PeekAt(offset + 1).IsSymbol(")") && PeekAt(offset + 2).IsSymbol("::");
    }

    private Expression ParseLabel(Token start)
    {
        var label = ExpectIdentifier();
        var parameters = new List<Identifier>();
        if (TrySymbol("("))
        {
            do parameters.Add(ExpectIdentifier("a label parameter")); while (TrySymbol(","));
            ExpectSymbol(")");
        }

        ExpectSymbol("::");
        var body = ParseExpression();
        return new LabeledExpression(SpanFrom(start), label, parameters, body);
    }

    /// <summary>A name, an operator call, or a reference through instances (`M(1)!N!Op(a)`).</summary>
    private Expression ParseNameReference()
    {
        var start = Current;
        var path = new List<InstanceStep>();
        while (true)
        {
            var stepStart = Current;
            var name = ExpectIdentifier();
            var arguments = new List<Expression>();
            if (AtSymbol("("))
            {
                Advance();
                do arguments.Add(ParseArgument()); while (TrySymbol(","));
                ExpectSymbol(")");
            }

            if (AtSymbol("!") && PeekAt(1).Kind == TokenKind.Identifier)
            {
                Advance();
                path.Add(new InstanceStep(SpanFrom(stepStart), name, arguments));
                continue;
            }

            if (AtSymbol("!") && PeekAt(1).Kind == TokenKind.Symbol && SymbolOperatorName(PeekAt(1)) is { } symbolName)
            {
                // `M!+(a, b)` or `M!\oplus`: an operator symbol defined in an instance.
                Advance();
                path.Add(new InstanceStep(SpanFrom(stepStart), name, arguments));
                var symbolToken = Advance();
                var symbolArguments = new List<Expression>();
                if (TrySymbol("("))
                {
                    do symbolArguments.Add(ParseArgument()); while (TrySymbol(","));
                    ExpectSymbol(")");
                }

                return new NameReference(SpanFrom(start), path, new Identifier(SpanOf(symbolToken), symbolName), symbolArguments);
            }

            var reference = new NameReference(SpanFrom(start), path, name, arguments);
            return StartsSelector() ? ParseSelectors(start, reference) : reference;
        }
    }

    /// <summary>`!` followed by a positional selector: a number, `:`, `&lt;&lt;`, `&gt;&gt;` or `(`.</summary>
    private bool StartsSelector()
    {
        if (!AtSymbol("!")) return false;
        var next = PeekAt(1);
        return next.Kind == TokenKind.Number || next.IsSymbol(":") || next.IsSymbol("<<") || next.IsSymbol(">>") || next.IsSymbol("(");
    }

    private SubexpressionReference ParseSelectors(Token start, NameReference reference)
    {
        var selectors = new List<SubexpressionSelector>();
        while (StartsSelector())
        {
            var bang = Advance();
            var token = Advance();
            switch (token.Kind, token.Text)
            {
                case (TokenKind.Number, _):
                    if (token.Value is not BigInteger index || index < 1 || index > int.MaxValue)
                        throw ErrorAt(token, "a subexpression index must be a positive number");
                    selectors.Add(new SubexpressionSelector(SpanFrom(bang), SelectorKind.Operand, (int)index, []));
                    break;
                case (_, ":"):
                    selectors.Add(new SubexpressionSelector(SpanFrom(bang), SelectorKind.LetBody, 0, []));
                    break;
                case (_, "<<"):
                    selectors.Add(new SubexpressionSelector(SpanFrom(bang), SelectorKind.Left, 1, []));
                    break;
                case (_, ">>"):
                    selectors.Add(new SubexpressionSelector(SpanFrom(bang), SelectorKind.Right, 2, []));
                    break;
                default:
                {
                    var arguments = new List<Expression>();
                    do arguments.Add(ParseExpression()); while (TrySymbol(","));
                    ExpectSymbol(")");
                    selectors.Add(new SubexpressionSelector(SpanFrom(bang), SelectorKind.Instantiate, 0, arguments));
                    break;
                }
            }
        }

        if (AtSymbol("!") && PeekAt(1).Kind == TokenKind.Identifier)
            throw ErrorAt(PeekAt(1), "a name after a positional subexpression selector is not supported");
        return new SubexpressionReference(SpanFrom(start), reference, selectors);
    }

    /// <summary>The canonical name of an operator symbol token (infix, prefix or postfix), else null.</summary>
    private static string? SymbolOperatorName(Token token) =>
        OperatorSymbols.InfixOperator(token.Text)?.Name ?? OperatorSymbols.PostfixOperator(token.Text)?.Name
        ?? (token.Text is "~" or "\\lnot" or "\\neg" ? "~" : null);

    /// <summary>An operator argument: an expression, a LAMBDA, or a bare operator symbol (`Fold(+, 0, s)`).</summary>
    private Expression ParseArgument()
    {
        var token = Current;
        if (token.IsKeyword("LAMBDA"))
        {
            Advance();
            var parameters = new List<Identifier>();
            do parameters.Add(ExpectIdentifier("a parameter name")); while (TrySymbol(","));
            ExpectSymbol(":");
            var body = ParseExpression();
            return new Lambda(SpanFrom(token), parameters, body);
        }

        if (token.Kind == TokenKind.Symbol && (PeekAt(1).IsSymbol(",") || PeekAt(1).IsSymbol(")")) && SymbolOperatorName(token) is { } name)
        {
            Advance();
            return new NameReference(SpanOf(token), name);
        }

        if (token.IsSymbol("-") && PeekAt(1).IsSymbol(".") && (PeekAt(2).IsSymbol(",") || PeekAt(2).IsSymbol(")")))
        {
            Advance();
            Advance();
            return new NameReference(SpanFrom(token), "-.");
        }

        return ParseExpression();
    }

    /// <summary>The subscript after `]_`, `&gt;&gt;_`, `WF_` or `SF_`: a name, a tuple or a parenthesized expression.</summary>
    private Expression ParseSubscript()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier)
        {
            var start = token;
            var path = new List<InstanceStep>();
            var name = ExpectIdentifier();
            while (AtSymbol("!") && PeekAt(1).Kind == TokenKind.Identifier)
            {
                Advance();
                path.Add(new InstanceStep(name.Span, name, []));
                name = ExpectIdentifier();
            }

            return new NameReference(SpanFrom(start), path, name, []);
        }

        if (token.IsSymbol("<<")) return ParseTuple(token);
        if (token.IsSymbol("("))
        {
            Advance();
            var inner = ParseExpression();
            ExpectSymbol(")");
            return inner;
        }

        throw Expected("a subscript (a name, a tuple or a parenthesized expression)");
    }

    private Expression ParseTuple(Token start)
    {
        ExpectSymbol("<<");
        var elements = ParseExpressionList(">>");
        if (AtSymbol(">>_"))
        {
            Advance();
            if (elements.Count != 1) throw ErrorAt(start, "an action '<<A>>_v' has exactly one action inside '<<' '>>'");
            var subscript = ParseSubscript();
            return new AngleAction(SpanFrom(start), elements[0], subscript);
        }

        if (!AtSymbol(">>")) throw Expected(elements.Count == 0 ? "an expression or '>>'" : "',' or '>>'");
        Advance();
        return new TupleExpression(SpanFrom(start), elements);
    }

    private Expression ParseBraces(Token start)
    {
        // A set that starts like a filter is parsed twice when it is not one; remembering each
        // braced expression by its position keeps nested cases linear instead of exponential.
        var startIndex = _index;
        if (_braceMemo.TryGetValue(startIndex, out var known))
        {
            _index = known.EndIndex;
            return known.Expression;
        }

        var result = ParseBracesUncached(start);
        _braceMemo[startIndex] = (result, _index);
        return result;
    }

    private readonly Dictionary<int, (Expression Expression, int EndIndex)> _braceMemo = [];

    private Expression ParseBracesUncached(Token start)
    {
        Advance();
        if (TrySymbol("}")) return new SetEnumeration(SpanFrom(start), []);

        // {x \in S : P} and {<<x, y>> \in S : P}; anything else is read again as an expression.
        if (StartsBinder())
        {
            var restart = _index;
            var binderStart = Current;
            var (names, isTuple) = ParseBinderNames(allowSeveral: false);
            if (AtSymbol("\\in"))
            {
                Advance();
                var domain = ParseExpression();
                if (TrySymbol(":"))
                {
                    var binder = new Binder(SpanFrom(binderStart), names, isTuple, domain);
                    var predicate = ParseExpression();
                    ExpectSymbol("}");
                    return new SetFilter(SpanFrom(start), binder, predicate);
                }
            }

            _index = restart;
        }

        var first = ParseExpression();
        if (TrySymbol(":"))
        {
            var binders = ParseBinders(requireDomain: true, closer: "}");
            ExpectSymbol("}");
            return new SetMap(SpanFrom(start), first, binders);
        }

        var elements = new List<Expression> { first };
        while (TrySymbol(",")) elements.Add(ParseExpression());
        if (!AtSymbol("}")) throw Expected("',' or '}'");
        Advance();
        return new SetEnumeration(SpanFrom(start), elements);
    }

    private bool StartsBinder() =>
        Current.Kind == TokenKind.Identifier && PeekAt(1).IsSymbol("\\in") || Current.IsSymbol("<<") && LooksLikeTupleBinder();

    private Expression ParseBrackets(Token start)
    {
        Advance();
        var first = Current;
        var second = PeekAt(1);
        if (first.Kind == TokenKind.Identifier && second.IsSymbol("|->")) return ParseRecord(start, isSet: false);
        if (first.Kind == TokenKind.Identifier && second.IsSymbol(":")) return ParseRecord(start, isSet: true);
        if (first.Kind == TokenKind.Identifier && (second.IsSymbol("\\in") || second.IsSymbol(",")) || first.IsSymbol("<<") && LooksLikeTupleBinder())
        {
            var binders = ParseBinders(requireDomain: true, closer: "|->");
            ExpectSymbol("|->");
            var body = ParseExpression();
            ExpectSymbol("]");
            return new FunctionConstructor(SpanFrom(start), binders, body);
        }

        var expression = ParseExpression();
        if (TrySymbol("->"))
        {
            var range = ParseExpression();
            ExpectSymbol("]");
            return new FunctionSet(SpanFrom(start), expression, range);
        }

        if (AtKeyword("EXCEPT"))
        {
            Advance();
            var updates = new List<ExceptUpdate>();
            do updates.Add(ParseExceptUpdate()); while (TrySymbol(","));
            ExpectSymbol("]");
            return new Except(SpanFrom(start), expression, updates);
        }

        if (TrySymbol("]_"))
        {
            var subscript = ParseSubscript();
            return new BoxAction(SpanFrom(start), expression, subscript);
        }

        throw Expected("'->', 'EXCEPT' or ']_'");
    }

    /// <summary>At `&lt;&lt;`: whether `&lt;&lt;a, b&gt;&gt; \in` follows (a tuple binder rather than a tuple).</summary>
    private bool LooksLikeTupleBinder()
    {
        var offset = 1;
        while (PeekAt(offset).Kind == TokenKind.Identifier && PeekAt(offset + 1).IsSymbol(",")) offset += 2;
        return PeekAt(offset).Kind == TokenKind.Identifier && PeekAt(offset + 1).IsSymbol(">>") && PeekAt(offset + 2).IsSymbol("\\in");
    }

    private Expression ParseRecord(Token start, bool isSet)
    {
        var fields = new List<RecordField>();
        var separator = isSet ? ":" : "|->";
        do
        {
            var fieldStart = Current;
            var name = ExpectIdentifier("a field name");
            ExpectSymbol(separator);
            var value = ParseExpression();
            fields.Add(new RecordField(SpanFrom(fieldStart), name, value));
        }
        while (TrySymbol(","));

        ExpectSymbol("]");
        return isSet ? new RecordSet(SpanFrom(start), fields) : new RecordConstructor(SpanFrom(start), fields);
    }

    private ExceptUpdate ParseExceptUpdate()
    {
        var start = ExpectSymbol("!");
        var path = new List<ExceptPathStep>();
        while (true)
        {
            var stepStart = Current;
            if (TrySymbol("."))
            {
                var field = ExpectIdentifier("a field name");
                path.Add(new ExceptFieldStep(SpanFrom(stepStart), field));
            }
            else if (TrySymbol("["))
            {
                var arguments = ParseExpressionList("]");
                if (arguments.Count == 0) throw Expected("an expression");
                ExpectSymbol("]");
                path.Add(new ExceptIndexStep(SpanFrom(stepStart), arguments));
            }
            else if (path.Count == 0)
            {
                throw Expected("'[' or '.' after '!'");
            }
            else
            {
                break;
            }
        }

        ExpectSymbol("=");
        _exceptDepth++;
        try
        {
            var value = ParseExpression();
            return new ExceptUpdate(SpanFrom(start), path, value);
        }
        finally
        {
            _exceptDepth--;
        }
    }

    private Expression ParseCase(Token start)
    {
        Advance();
        var arms = new List<CaseArm>();
        Expression? other = null;
        do
        {
            var armStart = Current;
            if (AtKeyword("OTHER"))
            {
                Advance();
                ExpectSymbol("->");
                other = ParseExpression();
                break;
            }

            var guard = ParseExpression();
            ExpectSymbol("->");
            var value = ParseExpression();
            arms.Add(new CaseArm(SpanFrom(armStart), guard, value));
        }
        while (TrySymbol("[]"));

        return new CaseExpression(SpanFrom(start), arms, other);
    }

    private Expression ParseLet(Token start)
    {
        Advance();
        var definitions = new List<Unit>();
        do
        {
            var definitionStart = Current;
            if (AtKeyword("RECURSIVE"))
            {
                Advance();
                definitions.Add(new RecursiveDeclaration(SpanFrom(definitionStart), ParseDeclaredOperators()));
            }
            else
            {
                definitions.Add(ParseDefinition(definitionStart, isLocal: false, inLet: true));
            }
        }
        while (!AtKeyword("IN"));

        ExpectKeyword("IN");
        var body = ParseExpression();
        return new LetIn(SpanFrom(start), definitions, body);
    }

    private Expression ParseQuantifier(Token start)
    {
        Advance();
        var binders = ParseBinders(requireDomain: false, closer: ":");
        ExpectSymbol(":");
        var body = ParseExpression();
        return new Quantifier(SpanFrom(start), start.Text == "\\A" ? QuantifierKind.ForAll : QuantifierKind.Exists, binders, body);
    }

    private Binder ParseChooseBinder()
    {
        var start = Current;
        var (names, isTuple) = ParseBinderNames(allowSeveral: false);
        Expression? domain = null;
        if (TrySymbol("\\in")) domain = ParseExpression();
        return new Binder(SpanFrom(start), names, isTuple, domain);
    }

    /// <summary>
    /// Binder groups separated by commas: `x, y \in S`, `&lt;&lt;a, b&gt;&gt; \in T`, or (when
    /// <paramref name="requireDomain"/> is false) unbounded names `x, y`. Bounded and unbounded
    /// groups cannot be mixed, and each tuple needs its own `\in`, as in SANY.
    /// </summary>
    private List<Binder> ParseBinders(bool requireDomain, string closer)
    {
        var binders = new List<Binder>();
        bool? bounded = null;
        do
        {
            var start = Current;
            var (names, isTuple) = ParseBinderNames(allowSeveral: true);
            if (AtSymbol("\\in"))
            {
                if (bounded == false) throw Expected($"'{closer}'");
                bounded = true;
                Advance();
                var domain = ParseExpression();
                binders.Add(new Binder(SpanFrom(start), names, isTuple, domain));
            }
            else
            {
                if (requireDomain || isTuple || bounded == true) throw Expected("'\\in'");
                bounded = false;
                binders.Add(new Binder(SpanFrom(start), names, false, null));
            }
        }
        while (TrySymbol(","));

        return binders;
    }

    private (List<Identifier> Names, bool IsTuple) ParseBinderNames(bool allowSeveral)
    {
        var names = new List<Identifier>();
        if (TrySymbol("<<"))
        {
            do names.Add(ExpectIdentifier("a bound variable name")); while (TrySymbol(","));
            ExpectSymbol(">>");
            return (names, true);
        }

        names.Add(ExpectIdentifier("a bound variable name or '<<'"));
        // In `x, y \in S` the comma continues the name list; after a domain (`x \in S, y \in T`)
        // this loop is not reached because the binder ended at its domain.
        while (allowSeveral && AtSymbol(",") && PeekAt(1).Kind == TokenKind.Identifier)
        {
            Advance();
            names.Add(ExpectIdentifier());
        }

        return (names, false);
    }
}
