using Verification.Cli.All;
using Verification.Cli;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// Constructs where the checker once gave a different answer from TLC without any error (other
/// counts or verdict), each pinned on a small spec whose expected figures are derived in a comment.
/// </summary>
public sealed class TlcAgreementTests : ScratchSpecTests
{

    [Fact]
    public void A_symmetry_set_is_the_group_its_permutations_generate()
    {
        // The four pairs of A \X B form one orbit under the product of both swaps. Taking only the
        // listed permutations (swap A, swap B) would leave <<a2, b2>> with the least image
        // <<a1, b2>>, a second class. So TLC: 4 generated (Init), 1 distinct, and from it the 4
        // successors of Next (each state of the orbit) are all the same class: 8 generated.
        var spec = Write("ProductSymmetry", """
            ---- MODULE ProductSymmetry ----
            EXTENDS TLC
            CONSTANTS a1, a2, b1, b2
            VARIABLE x
            A == {a1, a2}
            B == {b1, b2}
            Init == x \in A \X B
            Next == x' \in A \X B
            Sym == Permutations(A) \union Permutations(B)
            ====
            """, "CONSTANTS a1 = a1 a2 = a2 b1 = b1 b2 = b2\nINIT Init\nNEXT Next\nSYMMETRY Sym\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("8 states generated, 1 distinct states found", output);
    }

    [Fact]
    public void Applying_a_LET_defined_function_in_an_action_branches_like_its_body()
    {
        // TLC enters F[x] as an action (the lazily evaluated function's body with n = x): each
        // satisfied disjunct and \E witness is a branch, and each branch then assigns x'. Branches
        // B(n): B(0) = 1 (n = 0), B(1) = B(0) = 1, B(2) = B(0) + B(1) = 2, B(3) = B(0) + B(1) + B(2) = 4.
        // So 1 initial + 1 + 1 + 2 + 4 = 9 generated, 4 distinct (as one guard it would be 5).
        var spec = Write("LetFunctionAction", """
            ---- MODULE LetFunctionAction ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == LET F[n \in 0..3] == \/ n = 0
                                         \/ \E k \in 0..(n - 1) : F[k]
                    IN /\ F[x]
                       /\ x' = (x + 1) % 4
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("9 states generated, 4 distinct states found", output);
    }

    [Fact]
    public void Conjuncts_reached_once_every_variable_is_assigned_are_booleans_as_in_TLC()
    {
        // TLC evaluates the pending conjuncts as plain booleans once the state has all its
        // variables (Tool.getInitStates / getNextStatesAllAssigned), so a later disjunction or \A of
        // disjunctions yields no duplicates; before the assignment a disjunction still branches.
        // Init: 2 states. First disjunct of Next: 1 successor per state (2). Second: the
        // disjunction comes first, both branches hold, 2 per state (4). 2 + 2 + 4 = 8 generated,
        // 2 distinct (branching everywhere would give 4 + 16 + 4 = 24).
        var spec = Write("AssignedFastPath", """
            ---- MODULE AssignedFastPath ----
            EXTENDS Naturals
            VARIABLE x
            Init == x \in {1, 2} /\ (x > 0 \/ x < 5)
            Next == \/ /\ x' = 3 - x
                       /\ x' > 0 \/ x' < 5
                       /\ \A i \in {1, 2} : i > 0 \/ i < 5
                    \/ /\ x > 0 \/ x < 5
                       /\ x' = x
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("8 states generated, 2 distinct states found", output);
    }

    [Fact]
    public void A_constant_definition_drawing_at_random_is_evaluated_once_as_TLC_does_at_start_up()
    {
        // TLC pre-evaluates R (constant level, no parameters) once: Init, Next and the invariant
        // all see the same number. 1 initial state + 1 successor (itself) = 2 generated, 1 distinct,
        // and Inv holds. Drawing again at each use would give other states and break Inv.
        var spec = Write("RandomOnce", """
            ---- MODULE RandomOnce ----
            EXTENDS TLC, Naturals
            VARIABLE x
            R == RandomElement(1..1000)
            Init == x = R
            Next == x' = R
            Inv == x = R
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("2 states generated, 1 distinct states found", output);
    }

    [Fact]
    public void An_operator_with_parameters_drawing_at_random_draws_at_each_evaluation()
    {
        // Pick(S) is not pre-evaluated (it has a parameter), nor is Pick(1..1000) a cached
        // constant expression: each state draws again, so the five levels allowed by the
        // constraint are (with the checker's seeded draws) five different states, not one loop.
        var spec = Write("RandomEach", """
            ---- MODULE RandomEach ----
            EXTENDS TLC, Naturals
            VARIABLE x
            Pick(S) == RandomElement(S)
            Init == x = 0
            Next == x' = Pick(1..1000)
            Bound == TLCGet("level") < 5
            ====
            """, "INIT Init\nNEXT Next\nCONSTRAINT Bound\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("5 distinct states found", output);
    }

    [Fact]
    public void A_user_defined_infix_operator_used_as_an_action_is_entered_like_a_named_one()
    {
        // TLC enters x ++ 0 as it enters any defined operator: from x = 0 both disjuncts hold (two
        // branches, two generated successors), from x = 1 only the second. 1 initial + 2 + 1 = 4
        // generated, 2 distinct (as one guard it would be 3).
        var spec = Write("InfixAction", """
            ---- MODULE InfixAction ----
            EXTENDS Naturals
            VARIABLE x
            a ++ b == \/ a = b
                      \/ a >= b
            Init == x = 0
            Next == (x ++ 0) /\ x' = (x + 1) % 2
            ====
            """, "INIT Init\nNEXT Next\n");
        var (exit, output) = VerifyAllOutput("check", spec);
        Assert.True(exit == 0, output);
        Assert.Contains("4 states generated, 2 distinct states found", output);
    }
}
