using Verification.Cli;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// SPECIFICATION Spec where Spec == I!Spec: the instance's Init, Next and fairness are read in the
/// instance's scope, so its substitutions (x &lt;- y, Max &lt;- 3) apply, as TLC reads them.
/// </summary>
public sealed class SpecificationThroughInstanceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verify-spec-instance-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Exit, string Out) Check(string fairness, string properties)
    {
        File.WriteAllText(Path.Combine(_folder, "Inner.tla"), $"""
            ---- MODULE Inner ----
            EXTENDS Naturals
            CONSTANT Max
            VARIABLE x
            Init == x = 0
            Next == x < Max /\ x' = x + 1
            Spec == Init /\ [][Next]_x{fairness}
            Done == <>(x = Max)
            ====
            """);
        var outer = Path.Combine(_folder, "Outer.tla");
        File.WriteAllText(outer, """
            ---- MODULE Outer ----
            EXTENDS Naturals
            VARIABLE y
            I == INSTANCE Inner WITH x <- y, Max <- 3
            Spec == I!Spec
            Inv == y <= 3
            Prop == I!Done
            ====
            """);
        File.WriteAllText(Path.Combine(_folder, "Outer.cfg"), $"SPECIFICATION Spec\nINVARIANT Inv\n{properties}CHECK_DEADLOCK FALSE\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Verification.Cli.Cli.Run(VerifyApp.CreateRoot(), ["check", outer], stdout, stderr);
        return (exit, stdout + stderr.ToString());
    }

    [Fact]
    public void The_instance_s_init_and_next_run_on_the_substituted_variable()
    {
        // y counts 0..3 with Max <- 3: 4 states, 1 initial + 3 successors = 4 generated, depth 4.
        var (exit, output) = Check("", "");
        Assert.Equal(0, exit);
        Assert.Contains("4 states generated, 4 distinct states found, 0 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 4.", output);
    }

    [Fact]
    public void The_instance_s_fairness_makes_its_liveness_hold()
    {
        var (exit, output) = Check(@" /\ WF_x(Next)", "PROPERTY Prop\n");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Without_the_instance_s_fairness_the_behaviour_may_stop_early()
    {
        // Without WF the counter may stutter forever at 0: <>(y = 3) is violated (exit 13).
        var (exit, output) = Check("", "PROPERTY Prop\n");
        Assert.True(exit == 13, output);
        Assert.Contains("Temporal properties were violated", output);
    }

    [Fact]
    public void Init_and_next_from_an_extended_module_and_the_root_share_the_root_s_scope()
    {
        // Base defines Init and Step; the root EXTENDS it and writes Next and Spec itself (the
        // MC-wrapper pattern). z counts 0..2: 3 distinct, 1 + 3 = 4 generated (z = 2 stutters).
        File.WriteAllText(Path.Combine(_folder, "Base.tla"), """
            ---- MODULE Base ----
            EXTENDS Naturals
            VARIABLE z
            Init == z = 0
            Step == z < 2 /\ z' = z + 1
            ====
            """);
        var root = Path.Combine(_folder, "Wrapper.tla");
        File.WriteAllText(root, """
            ---- MODULE Wrapper ----
            EXTENDS Base
            Next == Step \/ (z = 2 /\ UNCHANGED z)
            Spec == Init /\ [][Next]_z
            ====
            """);
        File.WriteAllText(Path.Combine(_folder, "Wrapper.cfg"), "SPECIFICATION Spec\n");
        var stdout = new StringWriter();
        var exit = Verification.Cli.Cli.Run(VerifyApp.CreateRoot(), ["check", root], stdout, new StringWriter());
        Assert.True(exit == 0, stdout.ToString());
        Assert.Contains("4 states generated, 3 distinct states found, 0 states left on queue.", stdout.ToString());
    }
}
