using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

/// <summary>
/// Seeded mutation of the kit's modules (delete, duplicate and swap tokens and characters): the
/// parser must either accept the text or report a located diagnostic, never anything else.
/// </summary>
public class ParserFuzzTests
{
    private const int MutantsPerModule = 60;

    [Fact]
    public void Mutated_kit_modules_yield_only_located_diagnostics()
    {
        var random = new Random(20261121);
        var rejected = 0;
        var total = 0;
        foreach (var path in SyntaxTestFiles.KitModules)
        {
            var text = File.ReadAllText(path);
            var lineCount = text.Split('\n').Length;
            for (var i = 0; i < MutantsPerModule; i++)
            {
                var mutant = Mutate(text, random);
                total++;
                try
                {
                    TlaParser.ParseModule(mutant, path);
                }
                catch (TlaSyntaxException e)
                {
                    rejected++;
                    var span = e.Diagnostic.Span;
                    Assert.Equal(path, span.File);
                    Assert.InRange(span.Line, 1, lineCount + 1);
                    Assert.True(span.Column >= 1, $"column {span.Column} in: {e.Message}");
                    Assert.StartsWith($"{path}:{span.Line}:{span.Column}: ", e.Message);
                }
            }
        }

        // Most mutants must be rejected, or the mutations are too weak to test anything.
        Assert.InRange(rejected, total / 3, total);
    }

    private static readonly string[] Fragments =
        ["(", ")", "[", "]", "{", "}", "<<", ">>", "/\\", "\\/", "==", ",", ":", "\\in", "'", "\"", "(*", "*)", "\\*", "@", "!",
         "EXCEPT", "LET", "IN", "IF", "THEN", "CASE", "->", "[]", "_", "-", "----", "====", "\n", " ", "\t", "LAMBDA", "\\A"];

    private static string Mutate(string text, Random random)
    {
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && text.Length > 2; m++)
        {
            var at = random.Next(text.Length);
            var length = Math.Min(random.Next(1, 8), text.Length - at);
            text = random.Next(6) switch
            {
                0 => text.Remove(at, length),
                1 => text.Insert(at, text.Substring(at, length)),
                2 => Swap(text, at, random.Next(text.Length), length),
                3 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                4 => WordEdit(text, random),
                _ => text.Remove(at, 1).Insert(at, ((char)random.Next(32, 127)).ToString()),
            };
        }

        return text;
    }

    private static string Swap(string text, int first, int second, int length)
    {
        if (first > second) (first, second) = (second, first);
        length = Math.Min(length, Math.Min(second - first, text.Length - second));
        if (length <= 0) return text;
        return text[..first] + text.Substring(second, length) + text.Substring(first + length, second - first - length)
               + text.Substring(first, length) + text[(second + length)..];
    }

    /// <summary>Deletes, duplicates or swaps whole whitespace-separated words (roughly tokens).</summary>
    private static string WordEdit(string text, Random random)
    {
        var words = text.Split(' ').ToList();
        if (words.Count < 3) return text;
        var i = random.Next(words.Count);
        var j = random.Next(words.Count);
        switch (random.Next(3))
        {
            case 0:
                words.RemoveAt(i);
                break;
            case 1:
                words.Insert(i, words[j]);
                break;
            default:
                (words[i], words[j]) = (words[j], words[i]);
                break;
        }

        return string.Join(' ', words);
    }
}
