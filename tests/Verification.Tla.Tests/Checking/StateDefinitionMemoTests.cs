using Verification.Tla.Checking;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// A state-level definition without parameters that enumerates a set is remembered by the values
/// of the variables it reads (TlaModel.RememberStateDefinitions): `Ordered'` evaluated for every
/// candidate `order'` computes `Orders'` once per `items'`. The memo must be invisible: the spec
/// gives the same figures as its twin whose definitions take a dummy parameter (never remembered),
/// also where one remembered definition uses another (Orders uses Items) and where a definition is
/// evaluated in the next state.
/// </summary>
public sealed class StateDefinitionMemoTests : ScratchSpecTests
{
    private static string Spec(string name, string use) => $$"""
        ---- MODULE {{name}} ----
        EXTENDS Naturals, FiniteSets
        VARIABLES items, order
        Items{{use}} == {i \in 1..3 : i \in items}
        Orders{{use}} == {R \in SUBSET (Items{{use}} \X Items{{use}}) :
                            /\ \A a, b \in Items{{use}} : a = b \/ <<a, b>> \in R \/ <<b, a>> \in R
                            /\ \A a \in Items{{use}} : <<a, a>> \notin R}
        Ordered{{use}} == \E R \in Orders{{use}} : order \subseteq R
        Init == items = {} /\ order = {}
        Next == \E i \in 1..3 :
                  /\ i \notin items
                  /\ items' = items \cup {i}
                  /\ order' \in SUBSET (items' \X items')
                  /\ Ordered{{use}}'
        Inv == Cardinality(Orders{{use}}) >= 1 \/ items = {}
        ====
        """;

    [Fact]
    public void Remembered_definitions_give_the_figures_of_their_never_remembered_twin()
    {
        const string cfg = "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n";
        var remembered = ModelChecker.Run(Write("Remembered", Spec("Remembered", ""), cfg), null, new CheckOptions(), TextWriter.Null);
        // The same definitions with a parameter they ignore: an operator with arguments is never remembered this way.
        var twin = Spec("Fresh", "(u)").Replace("Items(u)", "Items(0)").Replace("Orders(u)", "Orders(0)").Replace("Ordered(u)", "Ordered(0)")
            .Replace("Items(0) ==", "Items(u) ==").Replace("Orders(0) ==", "Orders(u) ==").Replace("Ordered(0) ==", "Ordered(u) ==");
        var fresh = ModelChecker.Run(Write("Fresh", twin, cfg), null, new CheckOptions(), TextWriter.Null);

        Assert.Equal(CheckOutcome.Success, remembered.Outcome);
        Assert.Equal((fresh.Outcome, fresh.DistinctStates, fresh.StatesGenerated, fresh.Depth),
            (remembered.Outcome, remembered.DistinctStates, remembered.StatesGenerated, remembered.Depth));
        Assert.True(remembered.DistinctStates > 20, $"{remembered.DistinctStates} distinct states: the model is too small to say anything");
    }
}
