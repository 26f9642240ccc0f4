using Verification.Tla.Checking;
using Verification.Tla.Tests.TestSupport;

namespace Verification.Tla.Tests.Checking;

/// <summary>
/// A constant-level operator called again with the very same argument values is answered from a
/// memo (the trace-spec pattern: a logged value decoded once per state and per choice of an
/// existential, names looked up by ToString). The memo must be invisible: the same values as the
/// operator computed afresh, failures that fail again, and prints that still happen on every call.
/// </summary>
public sealed class CallMemoTests : ScratchSpecTests
{
    // Decode is memoized (constant level, enumerates Names); DecodeFresh is the same body made
    // state-level by a conjunct on x, so it is computed on every call and serves as the oracle.
    private const string Memo = """
        ---- MODULE Memo ----
        EXTENDS Naturals, Sequences, TLC
        CONSTANT Names
        VARIABLE x, seen
        \* Chunks[1] and Chunks[4] are equal values but distinct objects; Chunks[i] is the same object each time.
        Chunks == << <<"a">>, <<"b", "c">>, <<"c", "a", "b", "b">>, <<"a">> >>
        Decode(s) == [k \in DOMAIN s |-> CHOOSE n \in Names : ToString(n) = s[k]]
        DecodeFresh(s) == [k \in DOMAIN s |-> CHOOSE n \in Names : ToString(n) = s[k] /\ x = x]
        Chunk(y) == Chunks[(y % 4) + 1]
        Init == x = 0 /\ seen = <<>>
        Next == /\ x < 7
                /\ \E v \in 1..3 : /\ x' = x + 1
                                   /\ seen' = Decode(Chunk(x))
                                   /\ Len(seen') + v > 1
        Agree == /\ \A i \in DOMAIN Chunks : Decode(Chunks[i]) = DecodeFresh(Chunks[i])
                 /\ \A i \in DOMAIN Chunks : Decode(SubSeq(Chunks[i], 1, 1)) = DecodeFresh(SubSeq(Chunks[i], 1, 1))
                 /\ seen = IF x = 0 THEN <<>> ELSE DecodeFresh(Chunk(x - 1))
        Missing(s) == CHOOSE n \in Names : ToString(n) = s
        Fails == x < 2 \/ Missing("zz") \in Names
        Loud(s) == \E n \in Names : ToString(n) = s /\ PrintT(<<"looked up", s>>)
        Prints == \E s \in {IF x >= 0 THEN "b" ELSE "c"} : Loud(s)
        ====
        """;

    private const string Names = "CONSTANT Names = {a, b, c}\nINIT Init\nNEXT Next\n";

    [Fact]
    public void A_memoized_operator_gives_the_values_it_computes_afresh()
    {
        var spec = Write("Memo", Memo, Names + "INVARIANT Agree\n");

        var result = ModelChecker.Run(spec, null, new CheckOptions(), TextWriter.Null);

        Assert.Equal(CheckOutcome.Deadlock, result.Outcome);
        Assert.Equal(8, result.DistinctStates);
        // The initial state, then three choices of v (the same state) from each x < 7.
        Assert.Equal(1 + 7 * 3, result.StatesGenerated);
    }

    [Fact]
    public void A_call_that_failed_fails_again_in_every_state_that_makes_it()
    {
        var spec = Write("Memo", Memo, Names + "INVARIANT Fails\n");

        var result = ModelChecker.Run(spec, null, new CheckOptions(), TextWriter.Null);

        Assert.Equal(CheckOutcome.InvariantEvaluationError, result.Outcome);
        Assert.Contains("CHOOSE", result.Message);
        Assert.Equal(3, result.DistinctStates);
    }

    [Fact]
    public void An_operator_that_prints_prints_on_every_call()
    {
        var spec = Write("Memo", Memo, Names + "INVARIANT Prints\n");

        var (exit, output) = VerifyAllOutput("check", spec, "-deadlock");

        Assert.Equal(0, exit);
        // Once per distinct state (x = 0..7), as TLC evaluates the invariant in each.
        Assert.Equal(8, output.Split("<<\"looked up\", \"b\">>").Length - 1);
    }
}
