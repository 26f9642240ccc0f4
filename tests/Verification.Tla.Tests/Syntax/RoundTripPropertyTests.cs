using FsCheck;
using FsCheck.Fluent;
using Verification.Tla.Syntax;
using Microsoft.FSharp.Core;

namespace Verification.Tla.Tests.Syntax;

public class RoundTripPropertyTests
{
    [Fact]
    public void Printing_then_parsing_gives_back_the_same_expression()
    {
        Check(Prop.ForAll(Arb.From(ExpressionGenerators.Expression), expression =>
        {
            var printed = TlaPrinter.Print(expression);
            Expression reparsed;
            try
            {
                reparsed = TlaParser.ParseExpression(printed);
            }
            catch (TlaSyntaxException e)
            {
                throw new Xunit.Sdk.XunitException($"printed text does not parse: {e.Message}\n{printed}");
            }

            var difference = AstComparer.FirstDifference(expression, reparsed);
            if (difference is not null) throw new Xunit.Sdk.XunitException($"round trip differs at {difference}\n{printed}");
            return true;
        }), maxTest: 400, seed: 3);
    }

    /// <summary>Runs a property with a fixed seed so that every run tests the same expressions.</summary>
    private static void Check(Property property, int maxTest, ulong seed)
    {
        var config = FsCheck.Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            .WithQuietOnSuccess(true);
        FsCheck.Check.One(config, property);
    }

    [Fact]
    public void Every_kit_module_prints_to_text_that_parses_to_the_same_module()
    {
        foreach (var path in SyntaxTestFiles.KitModules)
        {
            var module = TlaParser.ParseFile(path);
            var printed = TlaPrinter.Print(module);
            var difference = AstComparer.FirstDifference(module, TlaParser.ParseModule(printed, path));
            Assert.True(difference is null, $"{path}: {difference}");
        }
    }
}
