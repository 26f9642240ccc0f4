using System.Net;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verification.Cli.Reports;

/// <summary>
/// Writes one self-contained HTML page (styles and script inline, no network when opened) that draws
/// a <see cref="ReportModel"/>: a space-time diagram beside the spec's state of the selected step.
/// </summary>
public static class HtmlReport
{
    public const string Option = "--html";

    private const string DataPlaceholder = "__REPORT_DATA__";
    private const string TitlePlaceholder = "__REPORT_TITLE__";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Non-ASCII and quotes stay readable and small; '<' is escaped after serializing (see ToJson).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("Verification.Cli.Reports.ReportTemplate.html")
            ?? throw new InvalidOperationException("the report template is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The model as the page embeds it.</summary>
    /// <remarks>
    /// '&lt;' occurs in JSON only inside strings, where \u003c means the same: escaping every one keeps
    /// any value (&lt;/script&gt;, &lt;!--) from ending the script element that holds the data.
    /// </remarks>
    public static string ToJson(ReportModel model) => JsonSerializer.Serialize(model, Json).Replace("<", "\\u003c", StringComparison.Ordinal);

    public static string Render(ReportModel model) =>
        Template.Value
            .Replace(TitlePlaceholder, WebUtility.HtmlEncode(model.Title), StringComparison.Ordinal)
            .Replace(DataPlaceholder, ToJson(model), StringComparison.Ordinal);

    /// <summary>Writes the page; a path that cannot be written is a one-line user error.</summary>
    public static void Write(ReportModel model, string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(path, Render(model));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserError($"{path}: cannot write the HTML report: {e.Message}");
        }
    }
}
