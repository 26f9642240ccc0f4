namespace Verification.Tla;

/// <summary>
/// How messages quote what the user gave (a value, a label, a line of a file): never more than a
/// few hundred characters, so that a 100,000-digit number or a megabyte-long line in the input
/// cannot flood an error line. Every message that echoes input goes through here.
/// </summary>
public static class Messages
{
    /// <summary>The longest quoted input, in characters, before it is cut.</summary>
    public const int MaxQuoted = 120;

    /// <summary>
    /// The text itself when it is short, else its start and end around "...(N characters)...":
    /// enough to recognise the input, bounded whatever its length.
    /// </summary>
    public static string Truncate(string text, int max = MaxQuoted)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var keep = Math.Max(8, max / 2 - 16);
        return $"{text[..keep]}...({text.Length:N0} characters)...{text[^Math.Min(keep / 2, 24)..]}";
    }

    /// <summary>Input to be shown between quotes: truncated, and with line breaks shown as \n so the message stays one line.</summary>
    public static string Quote(string text) =>
        Truncate(text).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
