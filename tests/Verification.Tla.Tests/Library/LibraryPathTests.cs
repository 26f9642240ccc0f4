using Verification.Tla.Semantics;

namespace Verification.Tla.Tests.Library;

/// <summary>
/// Where modules come from: the spec's folder, then -lib folders in order, then TLA_LIBRARY's
/// folders, then the built-in library; the first copy found wins. The tests that set TLA_LIBRARY
/// share a collection with every test that depends on it, so they never run concurrently.
/// </summary>
[Collection(LibraryVariableCollection.Name)]
public sealed class LibraryPathTests : IDisposable
{
    private readonly LibrarySpecRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    private string Folder(string name) => Path.Combine(_runner.Folder, name);

    /// <summary>A module M defining Which == <paramref name="origin"/> in <paramref name="folder"/>.</summary>
    private void Module(string folder, string name, string origin) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(folder).FullName, name + ".tla"),
            $"---- MODULE {name} ----\nWhich == \"{origin}\"\n====\n");

    /// <summary>A spec in folder "spec" that holds when M's Which is <paramref name="expected"/>.</summary>
    private string SpecExpecting(string module, string expected) =>
        _runner.Write("Main", $"EXTENDS {module}\nVARIABLE x\nASSUME Which = \"{expected}\"\nInit == x = 0\nNext == UNCHANGED x", Folder("spec"));

    [Fact]
    public void A_lib_folder_is_searched_after_the_spec_folder_and_in_the_order_given()
    {
        Module(Folder("one"), "Shared", "one");
        Module(Folder("two"), "Shared", "two");
        var spec = SpecExpecting("Shared", "one");
        Assert.Equal(0, LibrarySpecRunner.Verify("check", spec, "-lib", Folder("one"), "-lib", Folder("two")).Exit);
        Assert.Equal(10, LibrarySpecRunner.Verify("check", spec, "-lib", Folder("two"), "-lib", Folder("one")).Exit);

        Module(Folder("spec"), "Shared", "spec");
        var shadowed = SpecExpecting("Shared", "spec");
        Assert.Equal(0, LibrarySpecRunner.Verify("check", shadowed, "-lib", Folder("one")).Exit);
    }

    [Fact]
    public void A_user_copy_of_a_library_module_replaces_the_built_in_one()
    {
        Module(Folder("spec"), "SequencesExt", "mine");
        Assert.Equal(0, LibrarySpecRunner.Verify("check", SpecExpecting("SequencesExt", "mine")).Exit);

        // Without it, the built-in SequencesExt is used (it has no Which).
        File.Delete(Path.Combine(Folder("spec"), "SequencesExt.tla"));
        var (exit, _, error) = LibrarySpecRunner.Verify("check", SpecExpecting("SequencesExt", "mine"));
        Assert.Equal(150, exit);
        Assert.Contains("Which", error);
    }

    [Fact]
    public void TLA_LIBRARY_folders_come_after_the_lib_folders()
    {
        Module(Folder("env1"), "FromEnv", "env1");
        Module(Folder("env2"), "FromEnv", "env2");
        Module(Folder("lib"), "FromEnv", "lib");
        var previous = Environment.GetEnvironmentVariable(ModuleLoader.LibraryVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModuleLoader.LibraryVariable, Folder("env1") + Path.PathSeparator + Folder("env2"));
            Assert.Equal(0, LibrarySpecRunner.Verify("check", SpecExpecting("FromEnv", "env1")).Exit);
            Assert.Equal(0, LibrarySpecRunner.Verify("check", SpecExpecting("FromEnv", "lib"), "-lib", Folder("lib")).Exit);
            Environment.SetEnvironmentVariable(ModuleLoader.LibraryVariable, Folder("env2"));
            Assert.Equal(0, LibrarySpecRunner.Verify("check", SpecExpecting("FromEnv", "env2")).Exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleLoader.LibraryVariable, previous);
        }
    }

    [Fact]
    public void The_search_order_is_spec_folder_then_lib_then_the_variable_without_repeats()
    {
        var folders = ModuleLoader.SearchFolders("/spec", ["/a", "/b", "/a"], $"/c{Path.PathSeparator}{Path.PathSeparator} /b ");
        Assert.Equal(["/spec", "/a", "/b", "/c"], folders);
        Assert.Equal(["/spec"], ModuleLoader.SearchFolders("/spec", null, null));
    }

    [Fact]
    public void An_unknown_module_is_a_located_error_naming_it_and_the_folders_searched_exit_150()
    {
        var spec = _runner.Write("Main", "EXTENDS Naturals, Nowhere\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x", Folder("spec"));
        var (exit, _, error) = LibrarySpecRunner.Verify("check", spec, "-lib", Folder("extra"));
        Assert.Equal(150, exit);
        Assert.Contains($"Main.tla:2:19: cannot find source file for module Nowhere imported in module Main; searched {Folder("spec")}, {Folder("extra")} and the built-in library", error);
    }

    [Fact]
    public void Every_built_in_library_module_parses_and_is_named_like_its_resource()
    {
        Assert.Contains("SequencesExt", Verification.Tla.Library.LibraryModules.Names);
        Assert.Contains("TLAPS", Verification.Tla.Library.LibraryModules.Names);
        foreach (var name in Verification.Tla.Library.LibraryModules.Names)
            Assert.Equal(name, Verification.Tla.Library.LibraryModules.Parse(name)!.Name.Name);
        Assert.Null(Verification.Tla.Library.LibraryModules.Parse("NoSuchModule"));
    }
}

/// <summary>Tests that read or set TLA_LIBRARY (process-wide) run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LibraryVariableCollection
{
    public const string Name = "TLA_LIBRARY";
}
