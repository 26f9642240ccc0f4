using Verification.Tla.Config;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Config;

public class ConfigReaderTests
{
    private static TlcConfig Parse(string text) => ConfigReader.Parse(text, "MC.cfg");

    private static string ErrorOf(string text) => Assert.Throws<TlaSyntaxException>(() => Parse(text)).Message;

    [Fact]
    public void Reads_every_section()
    {
        var config = Parse("""
            \* a comment
            CONSTANTS
              N = 3
              Name = "a \"quoted\" name"
              Flag = FALSE
              Procs = {p1, p2, p3}
              None = None
              Empty = {}
              Op <- MCOp
              Limit <- [Inner] Small
            (* a (* nested *) comment *)
            INIT Init NEXT Next
            INVARIANT TypeOK INVARIANTS Safe Agreement
            PROPERTY Prop PROPERTIES Live
            CONSTRAINT Bound CONSTRAINTS Other
            ACTION_CONSTRAINT Step ACTION_CONSTRAINTS Step2
            SYMMETRY Perms
            VIEW Abstract
            CHECK_DEADLOCK FALSE
            POSTCONDITION Done
            ALIAS Pretty
            """);
        Assert.Equal(["N", "Name", "Flag", "Procs", "None", "Empty", "Op", "Limit"], config.Constants.Select(c => c.Name));
        Assert.Equal(3, (int)Assert.IsType<ConfigInteger>(((ConstantAssignment)config.Constants[0]).Value).Value);
        Assert.Equal("a \"quoted\" name", Assert.IsType<ConfigString>(((ConstantAssignment)config.Constants[1]).Value).Value);
        Assert.False(Assert.IsType<ConfigBoolean>(((ConstantAssignment)config.Constants[2]).Value).Value);
        var procs = Assert.IsType<ConfigSet>(((ConstantAssignment)config.Constants[3]).Value);
        Assert.Equal(["p1", "p2", "p3"], procs.Elements.Cast<ConfigModelValue>().Select(m => m.Name));
        Assert.Equal("None", Assert.IsType<ConfigModelValue>(((ConstantAssignment)config.Constants[4]).Value).Name);
        Assert.Empty(Assert.IsType<ConfigSet>(((ConstantAssignment)config.Constants[5]).Value).Elements);
        var op = Assert.IsType<ConstantOverride>(config.Constants[6]);
        Assert.Equal(("MCOp", null), (op.Operator, op.Module));
        var limit = Assert.IsType<ConstantOverride>(config.Constants[7]);
        Assert.Equal(("Small", "Inner"), (limit.Operator, limit.Module));
        Assert.Equal(("Init", "Next"), (config.Init!.Name, config.Next!.Name));
        Assert.Null(config.Specification);
        Assert.Equal(["TypeOK", "Safe", "Agreement"], config.Invariants.Select(n => n.Name));
        Assert.Equal(["Prop", "Live"], config.Properties.Select(n => n.Name));
        Assert.Equal(["Bound", "Other"], config.Constraints.Select(n => n.Name));
        Assert.Equal(["Step", "Step2"], config.ActionConstraints.Select(n => n.Name));
        Assert.Equal(("Perms", "Abstract", "Done", "Pretty"), (config.Symmetry!.Name, config.View!.Name, config.Postcondition!.Name, config.Alias!.Name));
        Assert.False(config.CheckDeadlock);
        Assert.Equal("MC.cfg:13:11", config.Invariants[0].Span.ToShortString());
    }

    [Fact]
    public void Model_values_keep_their_order_of_first_appearance()
    {
        // TLC's CHOOSE over model values follows this order, not the names' alphabetical order.
        var config = Parse("CONSTANTS Colors = {green, red, blue, amber}\nLast = blue\nNil = Nil\nSPECIFICATION Spec");
        Assert.Equal(["green", "red", "blue", "amber", "Nil"], config.ModelValues);
        Assert.Null(config.CheckDeadlock);
    }

    [Theory]
    [InlineData("INIT Init\nNEXT", "MC.cfg:2:5: expected a definition name after NEXT but found end of file")]
    [InlineData("CONSTANTS N == 3", "MC.cfg:1:13: expected '=' or '<-' after N but found '=='")]
    [InlineData("CONSTANTS Low = -2", "MC.cfg:1:17: a negative number is not a value TLC's cfg accepts (its numbers have no sign): define it in a module and bind the constant to it with `<-`")]
    [InlineData("CONSTANTS\n  Ring = <<n2, n1>>", "MC.cfg:2:10: a tuple <<...>> is not a value TLC's cfg accepts (numbers, strings, TRUE, FALSE, model values and sets {...}): define the tuple in a module and bind the constant to it with `<-`")]
    [InlineData("CONSTANT S = {a, b\nINIT Init", "MC.cfg:2:1: expected ',' or '}' but found 'INIT'")]
    [InlineData("CHECK_DEADLOCK maybe", "MC.cfg:1:16: expected TRUE or FALSE after CHECK_DEADLOCK but found 'maybe'")]
    [InlineData("INVARIANT Inv\n= Bar", "MC.cfg:2:1: expected a section keyword such as INIT, NEXT, SPECIFICATION, CONSTANTS or INVARIANT but found '='")]
    [InlineData("INIT A\nINIT B\nNEXT N", "MC.cfg:2:1: INIT is given twice (first at line 1)")]
    [InlineData("INIT A\nNEXT N\nSPECIFICATION S", "MC.cfg:3:15: the config gives both INIT and SPECIFICATION; use one of them")]
    [InlineData("INIT Init", "MC.cfg:1:6: the config gives INIT without NEXT")]
    [InlineData("(* never closed", "MC.cfg:1:1: comment '(*' is never closed")]
    [InlineData("CONSTANT N = \"open", "MC.cfg:1:14: string is never closed")]
    public void Errors_name_file_line_and_column(string text, string message) => Assert.Equal(message, ErrorOf(text));

    [Fact]
    public void Every_kit_config_reads()
    {
        var kit = Verification.Tla.Tests.Syntax.SyntaxTestFiles.KitDirectory;
        var configs = Directory.GetFiles(kit, "*.cfg", SearchOption.AllDirectories);
        Assert.Equal(69, configs.Length);
        foreach (var path in configs)
        {
            var config = ConfigReader.Read(path);
            // ConstantOnly's cfg has only CONSTANTS: TLC accepts a model without variables so.
            Assert.True(config.Specification is not null || config.Init is not null || Path.GetFileName(path) == "ConstantOnly.cfg", path);
        }

        var paxos = ConfigReader.Read(Path.Combine(kit, "Paxos", "Paxos.cfg"));
        Assert.Equal(["a1", "a2", "a3", "v1", "v2", "None"], paxos.ModelValues);
        Assert.False(ConfigReader.Read(Path.Combine(kit, "DeadlockCfgOff", "DeadlockCfgOff.cfg")).CheckDeadlock);
    }
}

public class ConfigReaderSectionTests
{
    [Fact]
    public void A_list_section_whose_entries_are_commented_out_is_empty_and_the_next_sections_are_read()
    {
        var config = ConfigReader.Parse("SPECIFICATION Spec\nPROPERTIES\n  \\* Live\n  (* Safe *)\nINVARIANT\n  Inv\nCONSTANT\n  Max = 5\n", "MC.cfg");
        Assert.Empty(config.Properties);
        Assert.Equal(["Inv"], config.Invariants.Select(static n => n.Name));
        Assert.Equal(["Max"], config.Constants.Select(static c => c.Name));
    }

    [Fact]
    public void A_module_scoped_value_is_read_with_its_module()
    {
        var config = ConfigReader.Parse("CONSTANTS\n  NoHash = [HashTable]NoHashVal\n  Hash <- [HashTable]Impl\n", "MC.cfg");
        var value = Assert.IsType<ConstantAssignment>(config.Constants[0]);
        Assert.Equal(("NoHash", "HashTable", "NoHashVal"), (value.Name, value.Module, Assert.IsType<ConfigModelValue>(value.Value).Name));
        var replacement = Assert.IsType<ConstantOverride>(config.Constants[1]);
        Assert.Equal(("Hash", "HashTable", "Impl"), (replacement.Name, replacement.Module, replacement.Operator));
    }
}
