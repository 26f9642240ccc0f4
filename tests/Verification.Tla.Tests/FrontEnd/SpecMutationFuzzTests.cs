using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Verification.Cli;
using Verification.Tla.Syntax;
using Verification.Tla.Tests.Syntax;

namespace Verification.Tla.Tests.FrontEnd;

/// <summary>
/// Mutation fuzzing of the repository's specs through `verify check` (issue 17): tokens deleted,
/// duplicated, swapped, junk inserted, text truncated, with a fixed seed. Whatever the mutant, the
/// command answers with an exit code and a message (never an internal error or a crash), and a
/// spec it rejects as malformed is named with file:line:col. Mutants that load are checked by a
/// short simulation, which keeps each run cheap.
/// </summary>
public sealed partial class SpecMutationFuzzTests : IDisposable
{
    private const int Mutants = 300;

    private readonly string _folder = Directory.CreateTempSubdirectory("verify-mutants-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A spec of specs/ and the cfg its model is checked with (MCName.cfg next to it).</summary>
    private sealed record Subject(string Name, string Text, IReadOnlyList<Token> Tokens, int[] LineStarts, string Config);

    private static readonly Lazy<Subject[]> Subjects = new(() => Directory
        .GetFiles(SyntaxTestFiles.SpecsDirectory, "*.tla", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(path =>
        {
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            var name = Path.GetFileNameWithoutExtension(path);
            var config = File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "MC" + name + ".cfg"));
            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') lineStarts.Add(i + 1);
            var tokens = Lexer.Tokenize(text, path).Where(t => t.Kind != TokenKind.EndOfFile).ToList();
            return new Subject(name, text, tokens, lineStarts.ToArray(), config);
        })
        .ToArray());

    private enum MutationKind { Delete, Duplicate, Swap, Junk, Truncate, ReplaceName, ReplaceNumber }

    /// <summary>One mutation: which kind, and where (as fractions of the token list, so any spec fits).</summary>
    private sealed record Mutation(MutationKind Kind, int First, int Second, int Junk);

    private sealed record Mutant(int Subject, Mutation[] Mutations);

    private static readonly string[] JunkFragments =
        ["(", ")", "[", "]", "{", "}", "<<", ">>", "/\\", "\\/", "==", ",", ":", "\\in", "'", "\"", "(*", "@", "!", "EXCEPT",
         "LET", "IN", "IF", "THEN", "CASE", "->", "[]", "<>", "_", "-", "----", "====", "UNCHANGED", "ENABLED", "WF_x(",
         "Undefined", "x'", "1", "TRUE", "{}", "\\E", "CHOOSE", "SUBSET", "..", "~>", "LAMBDA", "!2", "!:", "THEOREM", "ASSUME"];

    private static Gen<Mutant> MutantGen(int subjects) =>
        from subject in Gen.Choose(0, subjects - 1)
        from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from mutations in Gen.ArrayOf(
            from kind in Gen.Frequency(
                (2, Gen.Constant(MutationKind.Delete)), (2, Gen.Constant(MutationKind.Duplicate)), (2, Gen.Constant(MutationKind.Swap)),
                (2, Gen.Constant(MutationKind.Junk)), (1, Gen.Constant(MutationKind.Truncate)),
                (4, Gen.Constant(MutationKind.ReplaceName)), (2, Gen.Constant(MutationKind.ReplaceNumber)))
            from first in Gen.Choose(0, 1_000_000)
            from second in Gen.Choose(0, 1_000_000)
            from junk in Gen.Choose(0, JunkFragments.Length - 1)
            select new Mutation(kind, first, second, junk), count)
        select new Mutant(subject, mutations);

    [Fact]
    public void Every_mutant_gets_an_exit_code_and_a_located_message_never_a_crash()
    {
        var subjects = Subjects.Value;
        var outcomes = new Dictionary<int, int>();
        var property = Prop.ForAll(Arb.From(MutantGen(subjects.Length)), mutant =>
        {
            var subject = subjects[mutant.Subject];
            var text = Apply(subject, mutant.Mutations);
            var exit = RunCheck(subject, text, out var stdout, out var stderr);
            outcomes[exit] = outcomes.GetValueOrDefault(exit) + 1;
            var shown = $"exit {exit} for the mutant of {subject.Name}:\n{stderr}\n{Tail(stdout)}";
            Assert.False(exit == 255 || stderr.Contains("internal error", StringComparison.Ordinal), shown);
            if (exit is 150 or 151)
                Assert.True(LocatedMessage().IsMatch(stderr + stdout), $"no file:line:col in the message: {shown}");
            else if (exit is 75 or 76 or 77)
                Assert.True(TlcLocation().IsMatch(stdout) || LocatedMessage().IsMatch(stderr + stdout), $"no location in the evaluation error: {shown}");
            else if (exit != 0)
                Assert.True(stderr.Length + stdout.Length > 0, shown);
            return true;
        });
        var config = FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(Mutants)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(17UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);

        // The mutations must both break specs (most of them) and leave some to be checked.
        Assert.InRange(outcomes.GetValueOrDefault(150), Mutants / 3, Mutants);
        Assert.True(outcomes.Where(o => o.Key is not (150 or 151)).Sum(o => o.Value) >= Mutants / 10, string.Join(", ", outcomes));
    }

    private int RunCheck(Subject subject, string text, out string stdout, out string stderr)
    {
        var folder = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var spec = Path.Combine(folder, subject.Name + ".tla");
        File.WriteAllText(spec, text);
        var cfg = Path.Combine(folder, "MC" + subject.Name + ".cfg");
        File.WriteAllText(cfg, subject.Config);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Verification.Cli.Cli.Run(VerifyApp.CreateRoot(),
            ["check", spec, "-config", cfg, "-simulate", "-depth", "3", "-num", "2", "-seed", "1"], output, error);
        stdout = output.ToString();
        stderr = error.ToString();
        return exit;
    }

    private static string Apply(Subject subject, IEnumerable<Mutation> mutations)
    {
        // Token spans as offsets into the text; mutations edit the text between token boundaries.
        var text = subject.Text;
        var tokens = subject.Tokens
            .Where(t => t.EndLine == t.Line)
            .Select(t => (Start: subject.LineStarts[t.Line - 1] + t.Column - 1, Length: t.EndColumn - t.Column + 1, t.Kind))
            .Where(s => s.Start + s.Length <= text.Length)
            .ToList();
        var spans = tokens.Select(t => (t.Start, t.Length)).ToList();
        var names = tokens.Where(t => t.Kind == TokenKind.Identifier).Select(t => subject.Text.Substring(t.Start, t.Length)).Distinct().ToArray();
        foreach (var mutation in mutations.OrderByDescending(m => m.First))
        {
            if (spans.Count == 0) break;
            var index = mutation.First % spans.Count;
            // Replacements pick the next token of their kind, so most mutants still parse.
            if (mutation.Kind is MutationKind.ReplaceName or MutationKind.ReplaceNumber)
            {
                var kind = mutation.Kind == MutationKind.ReplaceName ? TokenKind.Identifier : TokenKind.Number;
                while (index < tokens.Count - 1 && tokens[index].Kind != kind) index++;
                if (tokens[index].Kind != kind) continue;
            }
            var (start, length) = spans[index];
            var (otherStart, otherLength) = spans[mutation.Second % spans.Count];
            if (start + length > text.Length || otherStart + otherLength > text.Length) continue;
            var token = text.Substring(start, length);
            text = mutation.Kind switch
            {
                MutationKind.Delete => text.Remove(start, length),
                MutationKind.Duplicate => text.Insert(start, token + " "),
                MutationKind.Swap when otherStart >= start + length => text[..start] + text.Substring(otherStart, otherLength)
                    + text[(start + length)..otherStart] + token + text[(otherStart + otherLength)..],
                MutationKind.Swap when otherStart + otherLength <= start => text[..otherStart] + token
                    + text[(otherStart + otherLength)..start] + text.Substring(otherStart, otherLength) + text[(start + length)..],
                MutationKind.Junk => text.Insert(start, JunkFragments[mutation.Junk] + " "),
                MutationKind.Truncate => text[..start],
                MutationKind.ReplaceName => text[..start] + names[mutation.Second % names.Length] + text[(start + length)..],
                MutationKind.ReplaceNumber => text[..start] + (mutation.Second % 4).ToString(System.Globalization.CultureInfo.InvariantCulture) + text[(start + length)..],
                _ => text,
            };
        }
        return text;
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    [GeneratedRegex(@"\.(tla|cfg):\d+:\d+: ")]
    private static partial Regex LocatedMessage();

    [GeneratedRegex(@"line \d+, col \d+ to line \d+, col \d+ of module \w+")]
    private static partial Regex TlcLocation();
}
