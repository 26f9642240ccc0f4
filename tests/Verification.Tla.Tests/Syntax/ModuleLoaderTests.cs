using Verification.Tla.Semantics;
using Verification.Tla.Syntax;

namespace Verification.Tla.Tests.Syntax;

[Collection(Verification.Tla.Tests.Library.LibraryVariableCollection.Name)]
public sealed class ModuleLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tla-loader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string body)
    {
        var path = Path.Combine(_folder, name + ".tla");
        File.WriteAllText(path, $"---- MODULE {name} ----\n{body}\n====\n");
        return path;
    }

    private static string ErrorOf(Func<object> load) => Assert.Throws<TlaSyntaxException>(load).Message;

    [Fact]
    public void Every_kit_spec_loads_with_its_local_modules_in_dependency_order()
    {
        var roots = SyntaxTestFiles.KitRoots;
        Assert.Equal(69, roots.Count);
        foreach (var root in roots)
        {
            var spec = ModuleLoader.Load(root);
            Assert.Same(spec.Root, spec.Modules[^1]);
            Assert.Equal(Path.GetFileNameWithoutExtension(root), spec.Root.Name.Name);
        }

        var extendsLib = ModuleLoader.Load(Path.Combine(SyntaxTestFiles.KitDirectory, "ExtendsLib", "ExtendsLib.tla"));
        Assert.Equal(["BagUtils", "ModArith", "ExtendsLib"], extendsLib.Modules.Select(m => m.Name.Name));
        Assert.Equal(["Naturals"], extendsLib.StandardModulesUsed);
        var instanceWith = ModuleLoader.Load(Path.Combine(SyntaxTestFiles.KitDirectory, "InstanceWith", "InstanceWith.tla"));
        Assert.Equal(["Counter", "InstanceWith"], instanceWith.Modules.Select(m => m.Name.Name));
    }

    [Fact]
    public void The_repository_specs_load()
    {
        foreach (var root in Directory.GetFiles(SyntaxTestFiles.SpecsDirectory, "*.tla", SearchOption.AllDirectories))
            Assert.NotEmpty(ModuleLoader.Load(root).Modules);
    }

    [Fact]
    public void Dependencies_come_before_their_users_and_are_loaded_once()
    {
        Write("Base", "Zero == 0");
        Write("Left", "EXTENDS Base\nL == Zero");
        Write("Right", "EXTENDS Base, Naturals\nR == Zero + 1");
        var root = Write("Top", "EXTENDS Left, Right, TLC\nI == INSTANCE Base\nLet == LET J == INSTANCE Base IN J!Zero");
        var spec = ModuleLoader.Load(root);
        Assert.Equal(["Base", "Left", "Right", "Top"], spec.Modules.Select(m => m.Name.Name));
        Assert.Equal(["Naturals", "TLC"], spec.StandardModulesUsed.Order(StringComparer.Ordinal));
        Assert.NotNull(spec.Find("Left"));
    }

    [Fact]
    public void A_cycle_is_reported_with_SANYs_wording_at_the_import()
    {
        Write("A", "EXTENDS B");
        Write("B", "C == INSTANCE A");
        var message = ErrorOf(() => ModuleLoader.Load(Path.Combine(_folder, "A.tla")));
        Assert.EndsWith("B.tla:2:15: circular dependency among .tla files; dependency cycle is: A.tla --> B.tla --> A.tla", message);

        // A user module named like the standard module it extends is a cycle too (SANY resolves the name to the file).
        var sequences = Write("Sequences", "EXTENDS Sequences");
        Assert.Contains("dependency cycle is: Sequences.tla --> Sequences.tla", ErrorOf(() => ModuleLoader.Load(sequences)));
    }

    [Fact]
    public void A_module_written_after_the_root_module_in_its_file_is_found_last_as_TLC_finds_it()
    {
        // TLC's monolith specs: Common follows Main in Main.tla, between its MODULE line and the next
        // ==== line, and keeps its positions in that file. A Common.tla next to it would win.
        var root = Path.Combine(_folder, "Main.tla");
        File.WriteAllText(root, "---- MODULE Main ----\nEXTENDS Naturals, Common\nTwo == One + One\n====\n\n" +
                                "text between modules\n----- MODULE Common -----\nOne == 1\nBad == \n====\n");
        Assert.Contains("Main.tla:10:1:", ErrorOf(() => ModuleLoader.Load(root)));
        File.WriteAllText(root, File.ReadAllText(root).Replace("Bad == \n", "Bad == 2\n"));
        var spec = ModuleLoader.Load(root);
        Assert.Equal(["Common", "Main"], spec.Modules.Select(m => m.Name.Name));
        Assert.Equal(8, spec.Find("Common")!.Units.OfType<OperatorDefinition>().First().Span.Line);
        Write("Common", "One == 0");
        Assert.Equal(2, ModuleLoader.Load(root).Find("Common")!.Units.OfType<OperatorDefinition>().Single().Span.Line);
    }

    [Fact]
    public void Unknown_modules_and_misnamed_files_are_located_errors()
    {
        var root = Write("Main", "EXTENDS Naturals, Missing");
        Assert.Equal($"{root}:2:19: cannot find source file for module Missing imported in module Main; searched {_folder} and the built-in library",
            ErrorOf(() => ModuleLoader.Load(root)));

        var misnamed = Path.Combine(_folder, "FileName.tla");
        File.WriteAllText(misnamed, "---- MODULE Other ----\n====\n");
        Assert.Equal($"{misnamed}:1:13: file name 'FileName' does not match the name 'Other' of the top level module it contains",
            ErrorOf(() => ModuleLoader.Load(misnamed)));

        Assert.Contains("cannot read", ErrorOf(() => ModuleLoader.Load(Path.Combine(_folder, "Absent.tla"))));
    }

    [Fact]
    public void Nested_modules_are_found_before_files()
    {
        var root = Write("Outer", "---- MODULE Inner ----\nK == 1\n====\nI == INSTANCE Inner\nJ == I!K");
        var spec = ModuleLoader.Load(root);
        Assert.Equal(["Inner", "Outer"], spec.Modules.Select(m => m.Name.Name));
    }

    [Fact]
    public void Standard_modules_export_what_their_EXTENDS_export_and_not_their_local_instances()
    {
        Assert.Contains(StandardModules.ExportedOperators("Integers"), o => o.Name == "+");
        Assert.Contains(StandardModules.ExportedOperators("Integers"), o => o.Name == "-." && o.Form == OperatorForm.Prefix);
        Assert.DoesNotContain(StandardModules.ExportedOperators("TLC"), o => o.Name == "Len");
        Assert.Contains(StandardModules.ExportedOperators("TLC"), o => o.Name == ":>");
        Assert.True(StandardModules.IsStandard("Randomization"));
        Assert.False(StandardModules.IsStandard("Functions"));
    }
}
