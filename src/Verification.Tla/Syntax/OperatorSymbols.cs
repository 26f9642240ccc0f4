using System.Collections.Frozen;

namespace Verification.Tla.Syntax;

/// <summary>An operator's entry in SANY's table: precedence range and associativity.</summary>
public sealed record OperatorInfo(string Name, Fixity Fixity, int Low, int High, bool LeftAssociative);

/// <summary>
/// The operator table of SANY (Specifying Systems, table 6 and SANY's Operators.java): canonical
/// names, synonyms, precedence ranges and associativity. Two operators whose ranges overlap cannot
/// be mixed without parentheses unless they are the same left-associative operator.
/// </summary>
public static class OperatorSymbols
{
    private static readonly Dictionary<string, string> SynonymToCanonical = new()
    {
        ["\\land"] = "/\\", ["\\lor"] = "\\/", ["\\lnot"] = "~", ["\\neg"] = "~", ["\\equiv"] = "<=>",
        ["#"] = "/=", ["=<"] = "<=", ["\\leq"] = "<=", ["\\geq"] = ">=", ["\\union"] = "\\cup",
        ["\\intersect"] = "\\cap", ["\\circ"] = "\\o", ["(+)"] = "\\oplus", ["(-)"] = "\\ominus",
        ["(.)"] = "\\odot", ["(/)"] = "\\oslash", ["(\\X)"] = "\\otimes", ["\\times"] = "\\X",
    };

    private static readonly FrozenDictionary<string, OperatorInfo> Infix = BuildInfix();
    private static readonly FrozenDictionary<string, OperatorInfo> Prefix = BuildPrefix();
    private static readonly FrozenDictionary<string, OperatorInfo> Postfix = new Dictionary<string, OperatorInfo>
    {
        ["'"] = new("'", Fixity.Postfix, 15, 15, false),
        ["^+"] = new("^+", Fixity.Postfix, 15, 15, false),
        ["^*"] = new("^*", Fixity.Postfix, 15, 15, false),
        ["^#"] = new("^#", Fixity.Postfix, 15, 15, false),
    }.ToFrozenDictionary();

    /// <summary>The canonical spelling of an operator symbol or keyword (itself if it has no synonym).</summary>
    public static string Canonical(string spelling) => SynonymToCanonical.GetValueOrDefault(spelling, spelling);

    public static OperatorInfo? InfixOperator(string spelling) => Infix.GetValueOrDefault(Canonical(spelling));

    public static OperatorInfo? PrefixOperator(string spelling) => Prefix.GetValueOrDefault(Canonical(spelling));

    public static OperatorInfo? PostfixOperator(string spelling) => Postfix.GetValueOrDefault(Canonical(spelling));

    /// <summary>Every infix operator (canonical names), for generators and printers.</summary>
    public static IEnumerable<OperatorInfo> InfixOperators => Infix.Values;

    public static IEnumerable<OperatorInfo> PrefixOperators => Prefix.Values;

    public static IEnumerable<OperatorInfo> PostfixOperators => Postfix.Values;

    private static FrozenDictionary<string, OperatorInfo> BuildInfix()
    {
        var table = new Dictionary<string, OperatorInfo>();
        void Add(int low, int high, bool left, params string[] names)
        {
            foreach (var name in names) table[name] = new OperatorInfo(name, Fixity.Infix, low, high, left);
        }

        Add(1, 1, false, "=>");
        Add(2, 2, false, "<=>", "~>", "-+->");
        Add(3, 3, true, "/\\", "\\/");
        Add(5, 5, false, "/=", "-|", "::=", ":=", "<", "<=", "=", "=|", ">", ">=", "|-", "|=",
            "\\approx", "\\asymp", "\\cong", "\\doteq", "\\gg", "\\in", "\\notin", "\\ll", "\\prec",
            "\\preceq", "\\propto", "\\sim", "\\simeq", "\\sqsubset", "\\sqsubseteq", "\\sqsupset",
            "\\sqsupseteq", "\\subset", "\\subseteq", "\\succ", "\\succeq", "\\supset", "\\supseteq");
        Add(5, 14, true, "\\cdot");
        Add(6, 6, true, "@@");
        Add(7, 7, false, ":>", "<:");
        Add(8, 8, false, "\\");
        Add(8, 8, true, "\\cap", "\\cup");
        Add(9, 9, false, "..", "...");
        Add(9, 13, false, "!!");
        Add(9, 13, true, "##", "$", "$$", "??", "\\sqcap", "\\sqcup", "\\uplus");
        Add(9, 14, false, "\\wr");
        Add(10, 10, true, "+", "++", "\\oplus");
        Add(10, 11, true, "%%", "|", "||");
        Add(10, 11, false, "%");
        Add(10, 13, true, "\\X");
        Add(11, 11, true, "-", "--", "\\ominus");
        Add(13, 13, true, "&", "&&", "*", "**", "\\bigcirc", "\\bullet", "\\o", "\\odot", "\\otimes", "\\star");
        Add(13, 13, false, "/", "//", "\\div", "\\oslash");
        Add(14, 14, false, "^", "^^");
        return table.ToFrozenDictionary();
    }

    private static FrozenDictionary<string, OperatorInfo> BuildPrefix()
    {
        var table = new Dictionary<string, OperatorInfo>();
        void Add(int low, int high, params string[] names)
        {
            foreach (var name in names) table[name] = new OperatorInfo(name, Fixity.Prefix, low, high, false);
        }

        Add(4, 4, "~");
        Add(4, 15, "ENABLED", "UNCHANGED", "[]", "<>");
        // SANY's Operators.java gives the three set prefix operators 10-13 (the book's table 6
        // says 8-8 and 9-9): `SUBSET S \cap T` is (SUBSET S) \cap T, `SUBSET S \X T` a conflict.
        Add(10, 13, "SUBSET", "UNION", "DOMAIN");
        Add(12, 12, "-.");
        return table.ToFrozenDictionary();
    }
}
