using System.Text.RegularExpressions;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

/// <summary>
/// TLC prints source locations in traces and errors ("line 9, col 12 to line 9, col 31 of module
/// M", "Line 12, column 9 to line 13, column 21 in M"). Every location in the kit's recorded TLC
/// output must be exactly the span of some node of our tree, or the checker cannot print what TLC
/// prints.
/// </summary>
public partial class KitLocationTests
{
    [GeneratedRegex(@"[Ll]ine (\d+), col(?:umn)? (\d+) to line (\d+), col(?:umn)? (\d+) (?:of module|in) (\w+)")]
    private static partial Regex Location();

    [Fact]
    public void Every_location_TLC_printed_for_the_kit_is_the_span_of_a_node()
    {
        var checkedLocations = 0;
        var spansByModule = new Dictionary<string, HashSet<(int, int, int, int)>>();
        foreach (var directory in Directory.GetDirectories(SyntaxTestFiles.KitDirectory).Order(StringComparer.Ordinal))
        {
            var output = Path.Combine(directory, "tlc-output.txt");
            if (!File.Exists(output)) continue;
            foreach (Match match in Location().Matches(File.ReadAllText(output)))
            {
                var path = Path.Combine(directory, match.Groups[5].Value + ".tla");
                if (!spansByModule.TryGetValue(path, out var spans))
                {
                    spans = SyntaxWalker.DescendantsAndSelf(TlaParser.ParseFile(path))
                        .Select(n => (n.Span.Line, n.Span.Column, n.Span.EndLine, n.Span.EndColumn)).ToHashSet();
                    spansByModule[path] = spans;
                }

                var location = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value),
                    int.Parse(match.Groups[3].Value), int.Parse(match.Groups[4].Value));
                Assert.True(spans.Contains(location), $"{path}: no node spans {match.Value}");
                checkedLocations++;
            }
        }

        Assert.True(checkedLocations >= 40, $"only {checkedLocations} locations found in the kit's TLC output");
    }
}
