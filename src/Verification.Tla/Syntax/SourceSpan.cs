namespace Verification.Tla.Syntax;

/// <summary>
/// A range of source text, 1-based and inclusive at both ends, the way TLC prints locations
/// ("line 11, col 18 to line 11, col 23 of module M"). <see cref="EndColumn"/> is the column of the
/// last character of the range, not one past it.
/// </summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for nodes that do not come from source text (built-ins, synthesized nodes).</summary>
    public static readonly SourceSpan None = new("", 0, 0, 0, 0);

    public bool IsNone => Line == 0;

    /// <summary>The module name TLC uses in locations: the file name without its extension.</summary>
    public string ModuleName => File.Length == 0 ? "" : Path.GetFileNameWithoutExtension(File);

    /// <summary>The span from the start of this one to the end of <paramref name="last"/>.</summary>
    public SourceSpan To(SourceSpan last) => new(File, Line, Column, last.EndLine, last.EndColumn);

    /// <summary>"file:line:col", the prefix of every diagnostic.</summary>
    public string ToShortString() => $"{File}:{Line}:{Column}";

    /// <summary>TLC's own format: "line 11, col 18 to line 11, col 23 of module M".</summary>
    public string ToTlcString() => $"line {Line}, col {Column} to line {EndLine}, col {EndColumn} of module {ModuleName}";

    public override string ToString() => ToShortString();
}

/// <summary>
/// A located problem in a spec or a config: what the user reads. <see cref="ToString"/> gives the
/// one-line form "file:line:col: message".
/// </summary>
public sealed record Diagnostic(SourceSpan Span, string Message)
{
    public override string ToString() => Span.IsNone ? Message : $"{Span.ToShortString()}: {Message}";
}

/// <summary>
/// Raised by the front end (parser, module loader, config reader) for a user's mistake. It always
/// carries a located <see cref="Diagnostic"/>; nothing else escapes the front end.
/// </summary>
public sealed class TlaSyntaxException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
