using System.Numerics;
using Verification.Tla.Syntax;

namespace Verification.Tla.Config;

/// <summary>
/// Reads TLC's model configuration files. Comments (`\*`, nested `(* *)`) are allowed anywhere.
/// Every failure is a <see cref="TlaSyntaxException"/> located at file:line:col.
/// </summary>
public static class ConfigReader
{
    private static readonly HashSet<string> SectionKeywords =
    [
        "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES",
        "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK",
        "POSTCONDITION", "ALIAS",
    ];

    public static TlcConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlaSyntaxException(new Diagnostic(SourceSpan.None, $"cannot read config file '{path}': {e.Message}"));
        }

        return Parse(text, path);
    }

    public static TlcConfig Parse(string text, string file) => new Reader(Lexer.TokenizeFragment(text, file), file).Read();

    private sealed class Reader(List<Token> tokens, string file)
    {
        private int _index;
        private readonly List<ConstantBinding> _constants = [];
        private readonly List<ConfigName> _invariants = [];
        private readonly List<ConfigName> _properties = [];
        private readonly List<ConfigName> _constraints = [];
        private readonly List<ConfigName> _actionConstraints = [];
        private readonly List<string> _modelValues = [];
        private readonly HashSet<string> _seenModelValues = new(StringComparer.Ordinal);
        private ConfigName? _init, _next, _specification, _symmetry, _view, _postcondition, _alias;
        private bool? _checkDeadlock;

        private Token Current => tokens[_index];

        private Token Advance()
        {
            var token = tokens[_index];
            if (token.Kind != TokenKind.EndOfFile) _index++;
            return token;
        }

        private SourceSpan SpanOf(Token token) => new(file, token.Line, token.Column, token.EndLine, token.EndColumn);

        private TlaSyntaxException Error(Token token, string message) => new(new Diagnostic(SpanOf(token), message));

        private TlaSyntaxException Expected(string what) => Error(Current, $"expected {what} but found {Current.Describe()}");

        private static bool IsSection(Token token) =>
            token.Kind is TokenKind.Identifier or TokenKind.Keyword && SectionKeywords.Contains(token.Text);

        private bool AtEntryEnd => Current.Kind == TokenKind.EndOfFile || IsSection(Current);

        public TlcConfig Read()
        {
            while (Current.Kind != TokenKind.EndOfFile)
            {
                if (!IsSection(Current)) throw Expected("a section keyword such as INIT, NEXT, SPECIFICATION, CONSTANTS or INVARIANT");
                var section = Advance();
                switch (section.Text)
                {
                    case "CONSTANT" or "CONSTANTS":
                        while (!AtEntryEnd) _constants.Add(ReadConstant());
                        break;
                    case "INIT":
                        SetSingle(ref _init, section);
                        break;
                    case "NEXT":
                        SetSingle(ref _next, section);
                        break;
                    case "SPECIFICATION":
                        SetSingle(ref _specification, section);
                        break;
                    case "SYMMETRY":
                        SetSingle(ref _symmetry, section);
                        break;
                    case "VIEW":
                        SetSingle(ref _view, section);
                        break;
                    case "POSTCONDITION":
                        SetSingle(ref _postcondition, section);
                        break;
                    case "ALIAS":
                        SetSingle(ref _alias, section);
                        break;
                    case "INVARIANT" or "INVARIANTS":
                        ReadNames(_invariants, section);
                        break;
                    case "PROPERTY" or "PROPERTIES":
                        ReadNames(_properties, section);
                        break;
                    case "CONSTRAINT" or "CONSTRAINTS":
                        ReadNames(_constraints, section);
                        break;
                    case "ACTION_CONSTRAINT" or "ACTION_CONSTRAINTS":
                        ReadNames(_actionConstraints, section);
                        break;
                    case "CHECK_DEADLOCK":
                        if (Current.IsKeyword("TRUE") || Current.IsKeyword("FALSE"))
                            _checkDeadlock = Advance().Text == "TRUE";
                        else
                            throw Expected("TRUE or FALSE after CHECK_DEADLOCK");
                        break;
                }
            }

            if (_init is not null && _specification is not null)
                throw new TlaSyntaxException(new Diagnostic(_specification.Span, "the config gives both INIT and SPECIFICATION; use one of them"));
            if ((_init is null) != (_next is null) && _specification is null)
            {
                var given = _init ?? _next!;
                throw new TlaSyntaxException(new Diagnostic(given.Span,
                    _init is null ? "the config gives NEXT without INIT" : "the config gives INIT without NEXT"));
            }

            return new TlcConfig(file, _constants, _init, _next, _specification, _invariants, _properties, _constraints,
                _actionConstraints, _symmetry, _view, _checkDeadlock, _postcondition, _alias, _modelValues);
        }

        private ConfigName ReadName(Token section)
        {
            if (Current.Kind != TokenKind.Identifier || IsSection(Current)) throw Expected($"a definition name after {section.Text}");
            var token = Advance();
            return new ConfigName(SpanOf(token), token.Text);
        }

        private void SetSingle(ref ConfigName? slot, Token section)
        {
            if (slot is not null) throw Error(section, $"{section.Text} is given twice (first at line {slot.Span.Line})");
            slot = ReadName(section);
        }

        // As in TLC, a list section may be empty (its entries commented out): the next keyword ends it.
        private void ReadNames(List<ConfigName> names, Token section)
        {
            while (Current.Kind == TokenKind.Identifier && !IsSection(Current)) names.Add(ReadName(section));
        }

        private ConstantBinding ReadConstant()
        {
            if (Current.Kind != TokenKind.Identifier) throw Expected("a constant name");
            var nameToken = Advance();
            if (Current.IsSymbol("="))
            {
                Advance();
                var scope = ReadModuleScope();
                var value = ReadValue();
                return new ConstantAssignment(SpanOf(nameToken).To(value.Span), nameToken.Text, value, scope);
            }

            if (Current.IsSymbol("<-"))
            {
                Advance();
                var module = ReadModuleScope();
                if (Current.Kind != TokenKind.Identifier) throw Expected("the name of a definition");
                var target = Advance();
                return new ConstantOverride(SpanOf(nameToken).To(SpanOf(target)), nameToken.Text, target.Text, module);
            }

            throw Expected($"'=' or '<-' after {nameToken.Text}");
        }

        /// <summary>`[M]` before the right side of `=` or `&lt;-`: the entry changes module M's definition.</summary>
        private string? ReadModuleScope()
        {
            // `{` starts a value; only `[` starts a module scope (TLC's cfg has no function values).
            if (!Current.IsSymbol("[")) return null;
            Advance();
            if (Current.Kind != TokenKind.Identifier) throw Expected("a module name");
            var module = Advance().Text;
            if (!Current.IsSymbol("]")) throw Expected("']'");
            Advance();
            return module;
        }

        private ConfigValue ReadValue()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return new ConfigInteger(SpanOf(token), (BigInteger)token.Value!);
                case TokenKind.String:
                    Advance();
                    return new ConfigString(SpanOf(token), (string)token.Value!);
                case TokenKind.Keyword when token.Text is "TRUE" or "FALSE":
                    Advance();
                    return new ConfigBoolean(SpanOf(token), token.Text == "TRUE");
                case TokenKind.Identifier when !IsSection(token):
                    Advance();
                    if (_seenModelValues.Add(token.Text)) _modelValues.Add(token.Text);
                    return new ConfigModelValue(SpanOf(token), token.Text);
                case TokenKind.Symbol when token.Text == "-" && tokens[_index + 1].Kind == TokenKind.Number:
                    // TLC reads `-` as a model value and then fails (tlaplus/tlaplus#508).
                    throw Error(token, "a negative number is not a value TLC's cfg accepts (its numbers have no sign): define it in a module and bind the constant to it with `<-`");
                case TokenKind.Symbol when token.Text == "<<":
                    // TLC's cfg reader knows numbers, strings, TRUE, FALSE, model values and sets only: it
                    // takes `<<` for a model value and then fails on the tuple's elements.
                    throw Error(token, "a tuple <<...>> is not a value TLC's cfg accepts (numbers, strings, TRUE, FALSE, model values and sets {...}): define the tuple in a module and bind the constant to it with `<-`");
                case TokenKind.Symbol when token.Text == "{":
                {
                    Advance();
                    const string closer = "}";
                    var elements = new List<ConfigValue>();
                    if (!Current.IsSymbol(closer))
                    {
                        elements.Add(ReadValue());
                        while (Current.IsSymbol(","))
                        {
                            Advance();
                            elements.Add(ReadValue());
                        }
                    }

                    if (!Current.IsSymbol(closer)) throw Expected($"',' or '{closer}'");
                    var end = Advance();
                    var span = SpanOf(token).To(SpanOf(end));
                    return new ConfigSet(span, elements);
                }

                default:
                    throw Expected("a value (a number, a string, TRUE, FALSE, a model value, or a set {...})");
            }
        }
    }
}
