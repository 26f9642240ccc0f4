using System.Globalization;
using System.Numerics;
using System.Text;

namespace Verification.Tla.Syntax;

internal enum TokenKind
{
    Identifier,
    Keyword,
    Symbol,
    Number,
    Decimal,
    String,
    /// <summary>A run of four or more dashes ("----").</summary>
    Separator,
    /// <summary>A run of four or more equals signs ("===="), closing a module.</summary>
    ModuleEnd,
    EndOfFile,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, int EndLine, int EndColumn, object? Value = null)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsSymbol(string text) => Kind == TokenKind.Symbol && Text == text;

    public bool IsKeyword(string text) => Kind == TokenKind.Keyword && Text == text;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => "string \"" + Text + "\"",
        TokenKind.ModuleEnd => "'===='",
        TokenKind.Separator => "'----'",
        _ => "'" + Text + "'",
    };
}

/// <summary>
/// Turns the text of a .tla file into tokens. Text before the first `---- MODULE` line and after
/// the root module's closing `====` is skipped, as SANY does; comments (nested `(* *)`, `\*`) are
/// dropped, which also drops PlusCal algorithms.
/// </summary>
internal sealed class Lexer
{
    internal static readonly HashSet<string> Keywords =
    [
        "ASSUME", "ASSUMPTION", "AXIOM", "BOOLEAN", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE",
        "ENABLED", "EXCEPT", "EXTENDS", "FALSE", "IF", "IN", "INSTANCE", "LAMBDA", "LET", "LOCAL", "MODULE",
        "OTHER", "RECURSIVE", "STRING", "SUBSET", "THEN", "TRUE", "UNCHANGED", "UNION", "VARIABLE", "VARIABLES",
        "WITH", "THEOREM", "LEMMA", "PROPOSITION", "COROLLARY", "PROOF", "BY", "OBVIOUS", "OMITTED", "QED",
        "DEF", "DEFS", "USE", "HIDE", "HAVE", "TAKE", "WITNESS", "PICK", "SUFFICES", "ACTION", "STATE",
        "TEMPORAL", "NEW", "ONLY", "DEFINE", "PROVE",
    ];

    // Longest first within each leading character, so a simple ordered scan finds the longest match.
    private static readonly string[] Symbols =
    [
        "-+->", "(\\X)", "::=", "...", "|->", "<=>", "(+)", "(-)", "(.)", "(/)", ">>_",
        "==", "=>", "=<", "=|", "<=", "<>", "<<", "<:", "<-", ">=", ">>", "/\\", "\\/", "/=", "//", "~>", "[]",
        "::", ":=", ":>", "->", "@@", "..", "++", "--", "-|", "**", "%%", "^^", "^+", "^*", "^#", "##", "$$", "&&",
        "|-", "|=", "||", "??", "!!", "]_",
        "=", "<", ">", "/", "~", "[", "]", "(", ")", "{", "}", ",", ":", "!", "@", "'", ".", "+", "-", "*", "%",
        "^", "#", "$", "&", "|", "_",
    ];

    internal static readonly HashSet<string> BackslashOperators =
    [
        "in", "notin", "cup", "cap", "union", "intersect", "subseteq", "subset", "supseteq", "supset", "div", "o",
        "circ", "X", "times", "land", "lor", "lnot", "neg", "equiv", "leq", "geq", "approx", "asymp", "bigcirc",
        "bullet", "cdot", "cong", "doteq", "gg", "ll", "odot", "ominus", "oplus", "oslash", "otimes", "prec",
        "preceq", "propto", "sim", "simeq", "sqcap", "sqcup", "sqsubset", "sqsubseteq", "sqsupset", "sqsupseteq",
        "star", "succ", "succeq", "uplus", "wr", "A", "E", "AA", "EE",
    ];

    private readonly string _text;
    private readonly string _file;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Tokens of the first module in the text (and its nested modules), ending with EndOfFile.</summary>
    public static List<Token> Tokenize(string text, string file)
    {
        var lexer = new Lexer(text, file);
        return lexer.Run();
    }

    /// <summary>Tokens of a bare expression or config fragment (no module framing).</summary>
    public static List<Token> TokenizeFragment(string text, string file)
    {
        var lexer = new Lexer(text, file);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile) return tokens;
        }
    }

    private List<Token> Run()
    {
        SkipToModuleHeader();
        var tokens = new List<Token>();
        var depth = 0;
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile) return tokens;
            if (token.IsKeyword("MODULE") && tokens.Count >= 2 && tokens[^2].Kind == TokenKind.Separator) depth++;
            if (token.Kind == TokenKind.ModuleEnd && --depth <= 0)
            {
                tokens.Add(new Token(TokenKind.EndOfFile, "", token.EndLine, token.EndColumn + 1, token.EndLine, token.EndColumn + 1));
                return tokens;
            }
        }
    }

    private void SkipToModuleHeader()
    {
        while (_position < _text.Length)
        {
            if (_text[_position] is '-' or '─' && IsModuleHeaderAt(_position)) return;
            Advance();
        }

        throw Error(1, 1, "no module header ('---- MODULE Name ----') found");
    }

    private bool IsModuleHeaderAt(int position)
    {
        var i = position;
        var dash = _text[position];
        while (i < _text.Length && _text[i] == dash) i++;
        if (i - position < 4) return false;
        while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
        return string.CompareOrdinal(_text, i, "MODULE", 0, 6) == 0
               && (i + 6 == _text.Length || !IsNameChar(_text[i + 6]));
    }

    private TlaSyntaxException Error(int line, int column, string message) =>
        new(new Diagnostic(new SourceSpan(_file, line, column, line, column), message));

    private char Peek(int offset = 0) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    /// <summary>
    /// Moves one character on, counting lines and columns as SANY's JavaCC character stream does:
    /// a tab advances to the next multiple of 8 (plus one), and \n, \r\n and a lone \r end a line.
    /// </summary>
    private void Advance()
    {
        var c = _text[_position];
        if (c == '\n' || c == '\r' && Peek(1) != '\n')
        {
            _line++;
            _column = 1;
        }
        else if (c == '\t')
        {
            _column = ((_column - 1) / 8 + 1) * 8 + 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++) Advance();
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v')
            {
                Advance();
            }
            else if (c == '\\' && Peek(1) == '*')
            {
                while (_position < _text.Length && _text[_position] is not ('\n' or '\r')) Advance();
            }
            else if (c == '(' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var (startLine, startColumn) = (_line, _column);
        var depth = 0;
        while (_position < _text.Length)
        {
            if (_text[_position] == '(' && Peek(1) == '*')
            {
                depth++;
                Advance(2);
            }
            else if (_text[_position] == '*' && Peek(1) == ')')
            {
                Advance(2);
                if (--depth == 0) return;
            }
            else
            {
                Advance();
            }
        }

        throw Error(startLine, startColumn, "comment '(*' is never closed");
    }

    private Token Make(TokenKind kind, string text, int line, int column, object? value = null) =>
        new(kind, text, line, column, _line, _column - 1, value);

    private Token Next()
    {
        SkipTrivia();
        var (line, column) = (_line, _column);
        if (_position >= _text.Length) return new Token(TokenKind.EndOfFile, "", line, column, line, column);
        var c = _text[_position];

        if (c == '-' && Peek(1) == '-' && Peek(2) == '-' && Peek(3) == '-')
        {
            while (Peek() == '-') Advance();
            return Make(TokenKind.Separator, "----", line, column);
        }

        if (c == '=' && Peek(1) == '=' && Peek(2) == '=' && Peek(3) == '=')
        {
            while (Peek() == '=') Advance();
            return Make(TokenKind.ModuleEnd, "====", line, column);
        }

        if (c == '"') return ReadString(line, column);
        if (IsNameChar(c)) return ReadWord(line, column);
        if (c == '\\' && Peek(1) != '/') return ReadBackslash(line, column);

        if (c > '\x7f') return ReadUnicode(line, column);

        foreach (var symbol in Symbols)
        {
            if (symbol[0] == c && string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0)
            {
                Advance(symbol.Length);
                return Make(TokenKind.Symbol, symbol, line, column);
            }
        }

        throw Error(line, column, $"unexpected character '{c}'");
    }

    /// <summary>
    /// The Unicode spellings of the TLA+ standard (≜ ∧ ∨ ∈ ∀ ⟨ ⟩ ...): each stands for its ASCII
    /// token, so the parser never sees the difference.
    /// </summary>
    private static readonly Dictionary<char, string> UnicodeSymbols = new()
    {
        ['≜'] = "==", ['≔'] = ":=", ['⩴'] = "::=", ['∧'] = "/\\", ['∨'] = "\\/", ['¬'] = "~", ['⇒'] = "=>", ['⇔'] = "<=>",
        ['≡'] = "\\equiv", ['≠'] = "/=", ['≤'] = "<=", ['≥'] = ">=", ['∈'] = "\\in", ['∉'] = "\\notin", ['∪'] = "\\cup",
        ['∩'] = "\\cap", ['⊆'] = "\\subseteq", ['⊂'] = "\\subset", ['⊇'] = "\\supseteq", ['⊃'] = "\\supset", ['∀'] = "\\A",
        ['∃'] = "\\E", ['⟨'] = "<<", ['⟩'] = ">>", ['→'] = "->", ['↦'] = "|->", ['←'] = "<-", ['□'] = "[]", ['◇'] = "<>",
        ['↝'] = "~>", ['×'] = "\\X", ['∘'] = "\\o", ['≺'] = "\\prec", ['⪯'] = "\\preceq", ['≻'] = "\\succ",
        ['⪰'] = "\\succeq", ['⊕'] = "\\oplus", ['⊖'] = "\\ominus", ['⊙'] = "\\odot", ['⊘'] = "\\oslash",
        ['⊗'] = "\\otimes", ['⊏'] = "\\sqsubset", ['⊑'] = "\\sqsubseteq", ['⊐'] = "\\sqsupset", ['⊒'] = "\\sqsupseteq",
        ['⊓'] = "\\sqcap", ['⊔'] = "\\sqcup", ['∼'] = "\\sim", ['≃'] = "\\simeq", ['≈'] = "\\approx", ['≍'] = "\\asymp",
        ['≅'] = "\\cong", ['≐'] = "\\doteq", ['≪'] = "\\ll", ['≫'] = "\\gg", ['∝'] = "\\propto", ['⋆'] = "\\star",
        ['•'] = "\\bullet", ['◯'] = "\\bigcirc", ['⊎'] = "\\uplus", ['≀'] = "\\wr", ['⊢'] = "|-", ['⊨'] = "|=", ['⊣'] = "-|",
        ['⫤'] = "=|", ['‖'] = "||", ['÷'] = "\\div", ['⋅'] = "\\cdot", ['‥'] = "..", ['…'] = "...", ['∖'] = "\\",
    };

    private static readonly Dictionary<char, string> UnicodeNames = new() { ['ℕ'] = "Nat", ['ℤ'] = "Int", ['ℝ'] = "Real" };

    private Token ReadUnicode(int line, int column)
    {
        var c = Peek();
        if (c is '─' or '═' && Peek(1) == c && Peek(2) == c && Peek(3) == c)
        {
            while (Peek() == c) Advance();
            return c == '─' ? Make(TokenKind.Separator, "----", line, column) : Make(TokenKind.ModuleEnd, "====", line, column);
        }

        if (UnicodeNames.TryGetValue(c, out var name))
        {
            Advance();
            return Make(TokenKind.Identifier, name, line, column);
        }

        if (!UnicodeSymbols.TryGetValue(c, out var symbol)) throw Error(line, column, $"unexpected character '{c}'");
        Advance();
        if (c is '∀' or '∃' && Peek() == c)
        {
            Advance();
            symbol += symbol[1];
        }
        else if (c == '⟩' && Peek() == '_')
        {
            Advance();
            symbol = ">>_";
        }

        return Make(TokenKind.Symbol, symbol, line, column);
    }

    private Token ReadWord(int line, int column)
    {
        var start = _position;
        // WF_ and SF_ are tokens of their own: the subscript that follows is an expression.
        if ((Peek() == 'W' || Peek() == 'S') && Peek(1) == 'F' && Peek(2) == '_')
        {
            Advance(3);
            return Make(TokenKind.Keyword, _text.Substring(start, 3), line, column);
        }

        var hasLetter = false;
        while (_position < _text.Length && IsNameChar(_text[_position]))
        {
            hasLetter |= IsLetter(_text[_position]);
            Advance();
        }

        var word = _text[start.._position];
        if (word == "_") return Make(TokenKind.Symbol, "_", line, column);
        if (hasLetter)
        {
            return Keywords.Contains(word)
                ? Make(TokenKind.Keyword, word, line, column)
                : Make(TokenKind.Identifier, word, line, column);
        }

        if (word.Contains('_')) throw Error(line, column, $"'{word}' is neither a number nor a name");
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Peek())) Advance();
            var text = _text[start.._position];
            return Make(TokenKind.Decimal, text, line, column, text);
        }

        return Make(TokenKind.Number, word, line, column, BigInteger.Parse(word, CultureInfo.InvariantCulture));
    }

    private Token ReadBackslash(int line, int column)
    {
        var start = _position;
        Advance();
        var radix = Peek() switch { 'b' or 'B' => 2, 'o' or 'O' => 8, 'h' or 'H' => 16, _ => 0 };
        if (radix != 0 && IsDigitOfRadix(Peek(1), radix))
        {
            Advance();
            var value = BigInteger.Zero;
            while (IsDigitOfRadix(Peek(), radix))
            {
                value = value * radix + Convert.ToInt32(Peek().ToString(), 16);
                Advance();
            }

            return Make(TokenKind.Number, _text[start.._position], line, column, value);
        }

        while (IsLetter(Peek())) Advance();
        var name = _text[(start + 1).._position];
        if (name.Length == 0) return Make(TokenKind.Symbol, "\\", line, column);
        if (!BackslashOperators.Contains(name)) throw Error(line, column, $"unknown operator '\\{name}'");
        return Make(TokenKind.Symbol, "\\" + name, line, column);
    }

    private static bool IsDigitOfRadix(char c, int radix) => radix switch
    {
        2 => c is '0' or '1',
        8 => c is >= '0' and <= '7',
        _ => char.IsAsciiHexDigit(c),
    };

    private Token ReadString(int line, int column)
    {
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || Peek() is '\n' or '\r') throw Error(line, column, "string is never closed");
            var c = Peek();
            if (c == '"')
            {
                Advance();
                return Make(TokenKind.String, value.ToString(), line, column, value.ToString());
            }

            if (c == '\\')
            {
                if (_position + 1 >= _text.Length || Peek(1) is '\n' or '\r') throw Error(line, column, "string is never closed");
                var escaped = Peek(1) switch
                {
                    '"' => '"', '\\' => '\\', 'n' => '\n', 't' => '\t', 'r' => '\r', 'f' => '\f',
                    _ => throw Error(_line, _column, $"unknown escape '\\{Peek(1)}' in string"),
                };
                value.Append(escaped);
                Advance(2);
                continue;
            }

            value.Append(c);
            Advance();
        }
    }
}
