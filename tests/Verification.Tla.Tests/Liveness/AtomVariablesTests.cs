using Verification.Tla.Checking;
using Verification.Tla.Config;
using Verification.Tla.Liveness;
using Verification.Tla.Semantics;

namespace Verification.Tla.Tests.Liveness;

/// <summary>
/// The variables a property's state atom reads, which decide which states share its value: found
/// through definitions, LETs and operator arguments; unknown (each state evaluated on its own)
/// where the atom reads TLC's search context or goes through an instance.
/// </summary>
public sealed class AtomVariablesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verify-atom-variables-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // x counts to 2 while y and z follow; Inner is instantiated with its own variable bound to z.
    private const string Spec = """
        EXTENDS Naturals, TLC
        VARIABLES x, y, z
        vars == <<x, y, z>>
        Init == x = 0 /\ y = 0 /\ z = 0
        Next == x < 2 /\ x' = x + 1 /\ y' = x /\ z' = y
        Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
        Sum == x + z
        Reach(v, k) == <>(v = k)
        I == INSTANCE Inner WITH w <- z
        """;

    private const string Inner = """
        VARIABLE w
        Done == w = 1
        """;

    private IReadOnlyList<int[]?> AtomVariablesOf(string property)
    {
        File.WriteAllText(Path.Combine(_folder, "Inner.tla"), $"---- MODULE Inner ----\n{Inner}\n====\n");
        var spec = Path.Combine(_folder, "Atoms.tla");
        File.WriteAllText(spec, $"---- MODULE Atoms ----\n{Spec}\nP == {property}\n====\n");
        var cfg = Path.Combine(_folder, "Atoms.cfg");
        File.WriteAllText(cfg, "SPECIFICATION Spec\nPROPERTY P\n");
        var model = new TlaModel(ModuleLoader.Load(spec, []), ConfigReader.Read(cfg));
        var prepared = TlaLiveness.Prepare(model, model.TemporalProperties, []);
        return prepared.Translator.StateAtomVariables;
    }

    private static string Show(int[]? variables) => variables is null ? "unknown" : "{" + string.Join(",", variables) + "}";

    [Theory]
    [InlineData("(x = 1) ~> (y = 1)", "{0} {1}")]
    [InlineData("<>(Sum = 3)", "{0,2}")]
    [InlineData("LET s == y IN <>(s = 1)", "{1}")]
    [InlineData("Reach(z, 1)", "{2}")]
    [InlineData("\\A k \\in 1..2 : <>(x = k)", "{0} {0}")]
    [InlineData("<>(vars = <<2, 1, 0>>)", "{0,1,2}")]
    [InlineData("<>(TLCGet(\"level\") > 2)", "unknown")]
    [InlineData("<>(I!Done)", "unknown")]
    public void Atoms_read_the_variables_their_syntax_reaches(string property, string expected) =>
        Assert.Equal(expected, string.Join(" ", AtomVariablesOf(property).Select(Show)));
}
