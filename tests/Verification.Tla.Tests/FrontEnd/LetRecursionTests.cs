namespace Verification.Tla.Tests.FrontEnd;

/// <summary>A recursive function defined in a LET (`f[n \in S] == ... f[n - 1] ...`) resolves to itself.</summary>
public sealed class LetRecursionTests
{
    [Fact]
    public void A_LET_function_applies_itself_with_a_state_dependent_domain()
    {
        var result = SpecRunner.Check("LetRec", """
            ---- MODULE LetRec ----
            EXTENDS Naturals
            VARIABLE k
            Tri == LET f[n \in 0 .. k] == IF n = 0 THEN 0 ELSE f[n - 1] + n IN f[k]
            Fib(m) == LET fib[i \in 0 .. m] == IF i < 2 THEN i ELSE fib[i - 1] + fib[i - 2] IN fib[m]
            ASSUME Fib(10) = 55
            Init == k = 0
            Next == k' = (Tri + 1) % 7
            Inv == 2 * Tri = k * (k + 1)
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.True(result.ExitCode == 0, result.Message);
        // k: 0 -> 1 -> 2 -> 4 -> 11 % 7 = 4: states {0, 1, 2, 4}.
        Assert.Equal(4, result.DistinctStates);
    }
}
