using Verification.Tla.Config;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Config;

/// <summary>Seeded mutations of the kit's .cfg files: the reader accepts them or reports a located diagnostic.</summary>
public class ConfigFuzzTests
{
    private static readonly string[] Fragments =
        ["=", "<-", "{", "}", ",", "<<", ">>", "[", "]", "\"", "(*", "*)", "\\*", "-", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
         "CHECK_DEADLOCK", "TRUE", "\n", " ", "42", "x"];

    [Fact]
    public void Mutated_kit_configs_yield_only_located_diagnostics()
    {
        var random = new Random(7);
        var configs = Directory.GetFiles(Verification.Tla.Tests.Syntax.SyntaxTestFiles.KitDirectory, "*.cfg", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToArray();
        var rejected = 0;
        const int mutants = 3000;
        for (var i = 0; i < mutants; i++)
        {
            var path = configs[random.Next(configs.Length)];
            var text = File.ReadAllText(path);
            for (var m = random.Next(1, 4); m > 0 && text.Length > 1; m--)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, Math.Min(random.Next(1, 6), text.Length - at)),
                    1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                    _ => text.Insert(random.Next(text.Length), text.Substring(at, Math.Min(random.Next(1, 10), text.Length - at))),
                };
            }

            try
            {
                ConfigReader.Parse(text, path);
            }
            catch (TlaSyntaxException e)
            {
                rejected++;
                Assert.True(e.Diagnostic.Span.Line >= 1 && e.Diagnostic.Span.Column >= 1, e.Message);
                Assert.StartsWith($"{path}:{e.Diagnostic.Span.Line}:{e.Diagnostic.Span.Column}: ", e.Message);
            }
        }

        Assert.InRange(rejected, mutants / 5, mutants);
    }
}
