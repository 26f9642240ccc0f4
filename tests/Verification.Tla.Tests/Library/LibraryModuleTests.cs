namespace Verification.Tla.Tests.Library;

/// <summary>
/// The built-in library modules, one test per module. Each case is a TLA+ fact whose expected
/// value follows from the module's TLA+ definition, or, for operators TLC replaces by Java code,
/// from that code's documented order (comments say which); a false case fails the check.
/// </summary>
public sealed class LibraryModuleTests : IDisposable
{
    private readonly LibrarySpecRunner _runner = new();

    public void Dispose() => _runner.Dispose();

    [Fact]
    public void Folds_picks_with_the_chooser_and_applies_op_from_the_chosen_element_outwards()
    {
        // MapThenFoldSet(op, base, f, choose, S) = op(f(x), fold of S \ {x}) with x = choose(S):
        // choosing the least of {3, 1, 2} first gives <<10>> \o (<<20>> \o (<<30>> \o <<>>)).
        _runner.AssertFacts("Folds, Naturals, Sequences",
            "MapThenFoldSet(LAMBDA e, acc : <<e>> \\o acc, <<>>, LAMBDA e : e * 10, LAMBDA s : CHOOSE e \\in s : TRUE, {3, 1, 2}) = <<10, 20, 30>>",
            "MapThenFoldSet(LAMBDA e, acc : <<e>> \\o acc, <<>>, LAMBDA e : e, LAMBDA s : CHOOSE e \\in s : \\A o \\in s : e >= o, {3, 1, 2}) = <<3, 2, 1>>",
            "MapThenFoldSet(+, 7, LAMBDA e : e, LAMBDA s : CHOOSE e \\in s : TRUE, {}) = 7");
    }

    [Fact]
    public void Functions_restrict_invert_count_and_fold_in_TLC_s_order()
    {
        _runner.AssertFacts("Functions, Sequences, FiniteSets, TLC",
            "Restrict([i \\in 1 .. 3 |-> i * i], {1, 3}) = (1 :> 1 @@ 3 :> 9)",
            "RestrictDomain([i \\in 1 .. 3 |-> i * i], LAMBDA i : i > 1) = (2 :> 4 @@ 3 :> 9)",
            "RestrictValues([i \\in 1 .. 3 |-> i * i], LAMBDA v : v < 5) = <<1, 4>>",
            "IsRestriction(<<1>>, <<1, 2>>) /\\ ~IsRestriction(<<2>>, <<1, 2>>)",
            "Range([a |-> 1, b |-> 2, c |-> 1]) = {1, 2}",
            "Pointwise(<<1, 2>>, <<10, 20>>, +) = <<11, 22>>",
            // Inverse picks, for each t, the first s in S with f[s] = t (CHOOSE over 1..3 in order).
            "Inverse(<<\"a\", \"b\", \"a\">>, 1 .. 3, {\"a\", \"b\"}) = [t \\in {\"a\", \"b\"} |-> IF t = \"a\" THEN 1 ELSE 2]",
            "AntiFunction(<<\"x\", \"y\">>) = [t \\in {\"x\", \"y\"} |-> IF t = \"x\" THEN 1 ELSE 2]",
            "IsInjective(<<1, 2, 3>>) /\\ ~IsInjective(<<1, 1>>)",
            "Cardinality(Injection(1 .. 2, 1 .. 3)) = 6 /\\ Cardinality(Surjection(1 .. 3, 1 .. 2)) = 6",
            "Bijection(1 .. 2, {\"a\", \"b\"}) = {<<\"a\", \"b\">>, <<\"b\", \"a\">>}",
            "ExistsBijection(1 .. 2, {7, 8}) /\\ ~ExistsInjection(1 .. 3, 1 .. 2) /\\ ExistsSurjection(1 .. 3, 1 .. 2)",
            // TLC's FoldFunction (Java) walks the domain in order with acc := op(f[i], acc).
            "FoldFunction(LAMBDA v, acc : acc \\o <<v>>, <<>>, <<\"a\", \"b\", \"c\">>) = <<\"a\", \"b\", \"c\">>",
            "FoldFunctionOnSet(LAMBDA v, acc : acc \\o <<v>>, <<>>, <<\"a\", \"b\", \"c\">>, {3, 1}) = <<\"a\", \"c\">>",
            "SumFunction([i \\in 1 .. 4 |-> i]) = 10 /\\ SumFunctionOnSet(<<5, 6, 7>>, {1, 3}) = 12");
    }

    [Fact]
    public void FiniteSetsExt_folds_in_element_order_and_counts()
    {
        _runner.AssertFacts("FiniteSetsExt, Sequences",
            // TLC's FoldSet (Java): acc := op(e, acc) for the elements in order.
            "FoldSet(LAMBDA e, acc : acc \\o <<e>>, <<>>, {3, 1, 2}) = <<1, 2, 3>>",
            "SumSet({1, 2, 3}) = 6 /\\ ProductSet({2, 3, 4}) = 24 /\\ SumSet({}) = 0",
            "ReduceSet(LAMBDA e, acc : acc \\o <<e>>, {2, 1}, <<0>>) = <<0, 1, 2>>",
            "MapThenSumSet(LAMBDA e : e * e, {1, 2, 3}) = 14",
            "FlattenSet({{1}, {2, 3}}) = {1, 2, 3} /\\ SymDiff({1, 2}, {2, 3}) = {1, 3}",
            "Quantify({1, 2, 3, 4}, LAMBDA e : e % 2 = 0) = 2",
            "kSubset(2, {1, 2, 3}) = {{1, 2}, {1, 3}, {2, 3}} /\\ kSubset(0, {1}) = {{}} /\\ kSubset(3, {1}) = {}",
            "\\A k \\in 0 .. 4 : kSubset(k, {1, 2, 3}) = {T \\in SUBSET {1, 2, 3} : Cardinality(T) = k}",
            "Max({1, 5, 3}) = 5 /\\ Min({4, 2, 9}) = 2",
            "Choices({{1, 2}, {3}}) = {{1, 3}, {2, 3}}",
            "ChooseUnique({1, 2, 3}, LAMBDA e : e > 2) = 3");
    }

    [Fact]
    public void SequencesExt_operators_follow_their_definitions_and_TLC_s_fold_order()
    {
        _runner.AssertFacts("SequencesExt, Integers",
            "ToSet(<<1, 2, 1>>) = {1, 2} /\\ ToBag(<<\"a\", \"b\", \"a\">>) = (\"a\" :> 2 @@ \"b\" :> 1)",
            // TLC's SetToSeq (Java) lists the set in its order.
            "SetToSeq({3, 1, 2}) = <<1, 2, 3>> /\\ SetToSeq({}) = <<>>",
            "SetToSeqs({1, 2}) = {<<1, 2>>, <<2, 1>>} /\\ SetToSortSeq({3, 1, 2}, >) = <<3, 2, 1>> /\\ SetToSeqs({}) = {<<>>}",
            "\\A S \\in SUBSET {1, 2, 3} : SetToSeqs(S) = {f \\in [1 .. Cardinality(S) -> S] : \\A i, j \\in 1 .. Cardinality(S) : i # j => f[i] # f[j]}",
            "SetToAllKPermutations({1, 2}) = {<<>>, <<1>>, <<2>>, <<1, 2>>, <<2, 1>>}",
            "TupleOf({0}, 2) = {<<0, 0>>} /\\ SeqOf({0}, 2) = {<<>>, <<0>>, <<0, 0>>} /\\ BoundedSeq({0}, 1) = {<<>>, <<0>>}",
            "Contains(<<1, 2>>, 2) /\\ ~Contains(<<1, 2>>, 3)",
            "IsSorted(<<1, 2, 2>>, <=) /\\ ~IsSorted(<<2, 1>>, <=)",
            "Reverse(<<1, 2, 3>>) = <<3, 2, 1>> /\\ Remove(<<1, 2, 1>>, 1) = <<2>> /\\ ReplaceAll(<<1, 2, 1>>, 1, 0) = <<0, 2, 0>>",
            "SelectInSeq(<<5, 6, 7>>, LAMBDA e : e > 5) = 2 /\\ SelectInSeq(<<5>>, LAMBDA e : e > 5) = 0",
            // TLC's Java SelectInSubSeq answers an index of the whole sequence (its definition, of the subsequence).
            "SelectInSubSeq(<<5, 6, 7, 8>>, 2, 4, LAMBDA e : e > 6) = 3 /\\ SelectLastInSeq(<<5, 6, 7>>, LAMBDA e : e > 5) = 3",
            "SelectInSubSeq(<<>>, 1, 0, LAMBDA e : TRUE) = 0 /\\ SelectLastInSubSeq(<<1, 1, 2, 2>>, 2, 4, LAMBDA e : e = 2) = 4",
            "SelectLastInSubSeq(<<5, 6, 7, 8>>, 1, 3, LAMBDA e : e > 5) = 3",
            "InsertAt(<<1, 3>>, 2, 2) = <<1, 2, 3>> /\\ ReplaceAt(<<1, 2>>, 2, 9) = <<1, 9>> /\\ RemoveAt(<<1, 2, 3>>, 2) = <<1, 3>>",
            "RemoveFirst(<<1, 2, 1>>, 1) = <<2, 1>> /\\ RemoveFirstMatch(<<1, 2, 3>>, LAMBDA e : e > 1) = <<1, 3>>",
            "Cons(0, <<1>>) = <<0, 1>> /\\ Snoc(2, <<1>>) = <<1, 2>> /\\ Front(<<1, 2, 3>>) = <<1, 2>> /\\ Last(<<1, 2, 3>>) = 3",
            "IsPrefix(<<1>>, <<1, 2>>) /\\ ~IsPrefix(<<2>>, <<1, 2>>) /\\ IsStrictPrefix(<<1>>, <<1, 2>>) /\\ ~IsStrictPrefix(<<1>>, <<1>>)",
            "IsSuffix(<<2>>, <<1, 2>>) /\\ IsStrictSuffix(<<2>>, <<1, 2>>) /\\ ~IsSuffix(<<1>>, <<1, 2>>)",
            "Prefixes(<<1, 2>>) = {<<>>, <<1>>, <<1, 2>>} /\\ Suffixes(<<1, 2>>) = {<<>>, <<2>>, <<1, 2>>}",
            "CommonPrefixes({<<1, 2>>, <<1, 3>>}) = {<<>>, <<1>>} /\\ LongestCommonPrefix({<<1, 2>>, <<1, 3>>}) = <<1>>",
            "SeqMod(4, 4) = 4 /\\ SeqMod(5, 4) = 1",
            // TLC's FoldSeq folds the sequence as a function: op(s[3], op(s[2], op(s[1], base))).
            "FoldSeq(LAMBDA e, acc : <<e>> \\o acc, <<>>, <<1, 2, 3>>) = <<3, 2, 1>>",
            "FoldLeft(LAMBDA acc, e : acc \\o <<e>>, <<0>>, <<1, 2>>) = <<0, 1, 2>>",
            "FoldRight(LAMBDA e, acc : acc \\o <<e>>, <<1, 2>>, <<0>>) = <<0, 2, 1>>",
            "FoldLeftDomain(LAMBDA acc, i : acc \\o <<i>>, <<>>, <<\"a\", \"b\">>) = <<1, 2>>",
            "FoldRightDomain(LAMBDA i, acc : acc \\o <<i>>, <<\"a\", \"b\">>, <<>>) = <<2, 1>>",
            "FlattenSeq(<<<<1>>, <<>>, <<2, 3>>>>) = <<1, 2, 3>> /\\ FlattenSeq(<<>>) = <<>>",
            "Zip(<<1, 2, 3>>, <<\"a\", \"b\">>) = <<<<1, \"a\">>, <<2, \"b\">>>>",
            "Interleave(<<1, 2>>, <<3, 4>>) = <<<<1>>, <<3>>, <<2>>, <<4>>>> /\\ Interleave(<<>>, <<>>) = <<<<>>, <<>>>>",
            "SubSeqs(<<1, 2>>) = {<<>>, <<1>>, <<2>>, <<1, 2>>}",
            "AllSubSeqs(<<1, 2, 3>>) = {<<>>, <<1>>, <<2>>, <<3>>, <<1, 2>>, <<1, 3>>, <<2, 3>>, <<1, 2, 3>>}",
            "IndexFirstSubSeq(<<2, 3>>, <<1, 2, 3, 2, 3>>) = 2",
            "ReplaceSubSeqAt(2, <<9>>, <<2, 3>>, <<1, 2, 3, 4>>) = <<1, 9, 4>>",
            "ReplaceFirstSubSeq(<<9>>, <<2>>, <<1, 2, 2>>) = <<1, 9, 2>> /\\ ReplaceFirstSubSeq(<<9>>, <<7>>, <<1>>) = <<1>>",
            "ReplaceAllSubSeqs(<<0>>, <<1>>, <<1, 2, 1>>) = <<0, 2, 0>>",
            // SequencesExt extends TLC and Bags: their operators are visible.
            "ToString(3) = \"3\" /\\ EmptyBag = <<>>");
    }

    [Fact]
    public void BagsExt_adds_removes_and_folds_copies_in_TLC_s_order()
    {
        _runner.AssertFacts("BagsExt, Bags, Sequences, TLC",
            "BagAdd(SetToBag({1}), 1) = (1 :> 2) /\\ BagAdd(SetToBag({1}), 2) = (1 :> 1 @@ 2 :> 1)",
            "BagRemove((1 :> 2), 1) = (1 :> 1) /\\ BagRemove(SetToBag({1}), 1) = EmptyBag /\\ BagRemove(SetToBag({1}), 3) = SetToBag({1})",
            "BagRemoveAll((1 :> 2 @@ 2 :> 1), 1) = (2 :> 1)",
            // TLC's FoldBag (Java): acc := op(acc, e), once per copy, elements in order.
            "FoldBag(LAMBDA acc, e : acc \\o <<e>>, <<>>, (2 :> 1 @@ 1 :> 2)) = <<1, 1, 2>>",
            "SumBag((2 :> 1 @@ 1 :> 2)) = 4 /\\ ProductBag((2 :> 3)) = 8",
            // MapThenFoldBag: each element's copies fold as op(op(base, f(x)), f(x)), then MapThenFoldSet.
            "MapThenFoldBag(+, 0, LAMBDA e : e * 10, LAMBDA s : CHOOSE e \\in s : TRUE, (1 :> 2 @@ 2 :> 1)) = 40");
    }

    [Fact]
    public void Bitwise_operates_on_the_binary_digits()
    {
        _runner.AssertFacts("Bitwise",
            "(12 & 10) = 8 /\\ (12 | 10) = 14 /\\ (12 ^^ 10) = 6 /\\ (0 & 7) = 0 /\\ (0 | 7) = 7",
            "Not(5) = 2 /\\ Not(0) = 0 /\\ shiftR(13, 2) = 3 /\\ shiftR(5, 0) = 5");
    }

    [Fact]
    public void Combinatorics_counts()
    {
        _runner.AssertFacts("Combinatorics", "factorial[0] = 1 /\\ factorial[5] = 120", "choose(5, 2) = 10 /\\ choose(4, 0) = 1");
    }

    [Fact]
    public void Relation_checks_properties_and_closes_transitively()
    {
        _runner.AssertFacts("Relation",
            "LET Le == [p \\in {1, 2} \\X {1, 2} |-> p[1] <= p[2]] IN IsReflexive(Le, {1, 2}) /\\ IsTransitive(Le, {1, 2}) /\\ IsTotallyOrdered(Le, {1, 2})",
            "IsStrictlyTotallyOrderedUnder(<, {1, 2, 3}) /\\ ~IsSymmetricUnder(<, {1, 2}) /\\ IsAsymmetricUnder(<, {1, 2})",
            "IsPartiallyOrderedUnder(\\subseteq, SUBSET {1}) /\\ IsIrreflexiveUnder(LAMBDA a, b : a # b, {1, 2}) /\\ IsAntiSymmetricUnder(<=, {1, 2})",
            "LET Step == [p \\in {1, 2, 3} \\X {1, 2, 3} |-> p[2] = p[1] + 1] IN TransitiveClosure(Step, {1, 2, 3})[1, 3] /\\ ~TransitiveClosure(Step, {1, 2, 3})[3, 1]",
            "LET Step == [p \\in {1, 2} \\X {1, 2} |-> FALSE] IN ReflexiveTransitiveClosure(Step, {1, 2})[1, 1] /\\ ~IsConnected(Step, {1, 2})");
    }

    [Fact]
    public void Graphs_paths_connections_and_degrees()
    {
        const string g = "[node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 3>>}]";
        _runner.AssertFacts("Graphs",
            $"IsDirectedGraph({g}) /\\ ~IsUndirectedGraph({g}) /\\ IsDag({g}) /\\ ~HasCycle({g})",
            $"Transpose({g}).edge = {{<<2, 1>>, <<3, 2>>}}",
            $"AreConnectedIn(1, 3, {g}) /\\ ~AreConnectedIn(3, 1, {g}) /\\ ~IsStronglyConnected({g})",
            $"ConnectionsIn({g})[1, 3] /\\ ~ConnectionsIn({g})[3, 1]",
            $"Successors({g}, 1) = {{2}} /\\ Predecessors({g}, 3) = {{2}} /\\ AllSuccessors({g}, {{1, 2}}) = {{2, 3}}",
            $"Ancestors({g}, 3) = {{1, 2}} /\\ Descendants({g}, 1) = {{2, 3}} /\\ InDegree({g}, 2) = 1 /\\ OutDegree({g}, 3) = 0",
            $"Roots({g}) = {{1}} /\\ Leaves({g}) = {{3}} /\\ IsTreeWithRoot({g}, 3) /\\ ~IsTreeWithRoot(Transpose({g}), 3)",
            "SimplePath([node |-> {1, 2}, edge |-> {<<1, 2>>}]) = {<<1>>, <<2>>, <<1, 2>>}",
            "HasCycle([node |-> {1, 2}, edge |-> {<<1, 2>>, <<2, 1>>}]) /\\ EmptyGraph = [node |-> {}, edge |-> {}]",
            "Cardinality(Graphs({1, 2})) = 16 /\\ GraphUnion(EmptyGraph, [node |-> {1}, edge |-> {}]).node = {1}");
    }

    [Fact]
    public void UndirectedGraphs_components()
    {
        const string g = "[node |-> {1, 2, 3}, edge |-> {{1, 2}}]";
        _runner.AssertFacts("Naturals",
            "LET U == INSTANCE UndirectedGraphs IN U!IsUndirectedGraph(" + g + ") /\\ U!IsLoopFreeUndirectedGraph(" + g + ")",
            "LET U == INSTANCE UndirectedGraphs IN U!ConnectedComponents(" + g + ") = {{1, 2}, {3}} /\\ ~U!IsStronglyConnected(" + g + ")",
            "LET U == INSTANCE UndirectedGraphs IN U!AreConnectedIn(2, 1, " + g + ") /\\ ~U!AreConnectedIn(1, 3, " + g + ")");
    }

    [Fact]
    public void VectorClocks_checks_causal_order()
    {
        _runner.AssertFacts("VectorClocks, TLC",
            "IsCausalOrder(<<(\"a\" :> 1), (\"a\" :> 2)>>, LAMBDA e : e)",
            "~IsCausalOrder(<<(\"a\" :> 2), (\"a\" :> 1)>>, LAMBDA e : e)",
            "CausalOrder(<<>>, LAMBDA e : e, LAMBDA e : e, LAMBDA e : e) = <<>>");
    }

    [Fact]
    public void Json_writes_values_as_TLC_s_Java_code_does()
    {
        _runner.AssertFacts("Json, Naturals, TLC",
            "ToJson([a |-> 1, b |-> <<\"x\", TRUE>>]) = \"{\\\"a\\\":1,\\\"b\\\":[\\\"x\\\",true]}\"",
            "ToJson({3, 1}) = \"[1,3]\" /\\ ToJson(<<>>) = \"[]\" /\\ ToJson(\"q\") = \"\\\"q\\\"\"",
            "ToJson(2 :> \"b\" @@ 5 :> \"c\") = \"{\\\"2\\\":\\\"b\\\",\\\"5\\\":\\\"c\\\"}\"",
            "ToJsonArray(<<1, 2>>) = \"[1,2]\" /\\ ToJsonObject(<<5>>) = \"{\\\"0\\\":5}\" /\\ ToJsonObject([k |-> {}]) = \"{\\\"k\\\":[]}\"");
        var file = Path.Combine(_runner.Folder, "out.json").Replace("\\", "/", StringComparison.Ordinal);
        _runner.AssertFacts("Json, Naturals, TLC",
            $"JsonSerialize(\"{file}\", [a |-> <<1, 2>>])",
            $"JsonDeserialize(\"{file}\") = [a |-> <<1, 2>>]",
            $"ndJsonSerialize(\"{file}\", <<[a |-> 1], <<2>>>>)",
            $"ndJsonDeserialize(\"{file}\") = <<[a |-> 1], <<2>>>>");
    }

    [Fact]
    public void DyadicRationals_adds_and_halves_in_lowest_terms_as_TLC_s_Java_Reduce_does()
    {
        _runner.AssertFacts("DyadicRationals, Naturals",
            "Zero = [num |-> 0, den |-> 1] /\\ One = [num |-> 1, den |-> 1]",
            "Half(One) = [num |-> 1, den |-> 2] /\\ Half(Half(One)) = [num |-> 1, den |-> 4]",
            // TLC's Java Reduce takes Euclid's gcd: 0/2 is 0/1, where the TLA+ definition's Max of no divisors fails.
            "Half(Zero) = Zero",
            "Add(Half(One), Half(One)) = One /\\ Add(Half(One), Half(Half(One))) = [num |-> 3, den |-> 4]",
            // Add(Zero, q) is q as given, not reduced.
            "Add(Zero, [num |-> 2, den |-> 4]) = [num |-> 2, den |-> 4] /\\ Add([num |-> 2, den |-> 4], Zero) = Half(One)",
            "IsDyadicRational(Half(Half(One))) /\\ ~IsDyadicRational([num |-> 1, den |-> 3])",
            "PrettyPrint(Zero) = \"0\" /\\ PrettyPrint(One) = \"1\" /\\ PrettyPrint(Half(Half(One))) = \"1/4\"");
        _runner.AssertEvaluationError("DyadicRationals", "Half(3)", "field num of a non-record value");
    }

    [Fact]
    public void IOUtils_reads_the_environment_and_numbers_and_refuses_to_run_programs()
    {
        _runner.AssertFacts("IOUtils, Integers",
            "atoi(\"-42\") = -42 /\\ atoi(\"7\") = 7",
            "zeroPadN(7, 3) = \"007\" /\\ zeroPadN(123, 2) = \"123\"",
            "IOEnv.PATH = IOEnv.PATH");
        _runner.AssertEvaluationError("IOUtils", "IOExec(<<\"ls\">>)", "IOExec is not supported");
    }

    [Fact]
    public void TLC_registers_config_and_strings_as_sequences()
    {
        _runner.AssertFacts("TLC, Naturals, Sequences, FiniteSets",
            "TLCSet(3, \"v\") /\\ TLCGet(3) = \"v\"",
            "TLCGet(\"level\") = 0",
            "TLCGet(\"-Dtlc2.tool.impl.Tool.cdot\") = \"true\" /\\ TLCGet(\"-Dunset.property\") = \"-Dunset.property\"",
            "TLCGet(\"config\").mode = \"bfs\" /\\ TLCGet(\"config\").deadlock = TRUE /\\ TLCGet(\"config\").worker = 1",
            "Head(\"abc\") = \"a\" /\\ Tail(\"abc\") = \"bc\" /\\ Append(\"ab\", \"c\") = \"abc\" /\\ \"ab\" \\o \"c\" = \"abc\"",
            "Len(\"abc\") = 3 /\\ SubSeq(\"abcde\", 2, 3) = \"bc\" /\\ SelectSeq(\"aba\", LAMBDA c : c = \"a\") = <<\"a\", \"a\">>",
            "\"ab\" \\in Seq(STRING) /\\ \"ab\" \\in Seq({\"a\", \"b\"}) /\\ \"abc\" \\notin Seq({\"a\", \"b\"}) /\\ \"\" \\in Seq({})",
            "SortSeq(<<3, 1, 2>>, <) = <<1, 2, 3>> /\\ Cardinality(Permutations({1, 2, 3})) = 6",
            "(1 :> \"a\" @@ 2 :> \"b\") = <<\"a\", \"b\">> /\\ ((1 :> 2) @@ (1 :> 3))[1] = 2",
            "RandomElement({7}) = 7 /\\ TLCEval(1 + 1) = 2 /\\ Print(1, TRUE)",
            "5 \\in Any /\\ \"x\" \\in Any /\\ {1} \\in Any /\\ ToString(Any) = \"Any\"");
        _runner.AssertEvaluationError("TLC", "TLCGet(9)", "TLCGet(9) was undefined.");
    }

    [Fact]
    public void ToString_prints_values_as_TLC_does()
    {
        // TLC prints a value with its toString: sets normalized, strings escaped, records and
        // functions in the order of their domain (written here in TLC's normalized order: TLC keeps
        // a record literal or an @@ result in the order written, which this checker does not).
        _runner.AssertFacts("TLC, Integers",
            "ToString(<<1, \"a\">>) = \"<<1, \\\"a\\\">>\"",
            "ToString([a |-> -1, b |-> {}]) = \"[a |-> -1, b |-> {}]\"",
            "ToString(1 :> FALSE @@ 3 :> TRUE) = \"(1 :> FALSE @@ 3 :> TRUE)\"",
            "ToString({3, 1, 2}) = \"{1, 2, 3}\" /\\ ToString(1 .. 3) = \"1..3\"",
            "ToString({<<>>}) = \"{<<>>}\" /\\ ToString(\"q\\n\") = \"\\\"q\\\\n\\\"\"");
    }

    [Fact]
    public void PrintT_pretty_prints_long_values_as_TLC_s_traces_do()
    {
        // TLC prints with its pretty-printer (Values.ppr), which breaks values wider than 80 columns.
        var (exit, output, _) = _runner.CheckFacts("TLC, Naturals", "PrintT([i \\in 1 .. 40 |-> i * 1000])", "PrintT(<<\"short\", 1>>)");
        Assert.Equal(0, exit);
        var wide = Verification.Tla.Traces.TlcTracePrinter.FormatValue(
            Verification.Tla.Values.FunctionValue.Tuple(Enumerable.Range(1, 40).Select(i => (Verification.Tla.Values.Value)Verification.Tla.Values.IntValue.Of(i * 1000)).ToArray()));
        Assert.Contains('\n', wide);
        Assert.Contains(wide, output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("<<\"short\", 1>>\n", output);
    }

    [Fact]
    public void A_register_set_in_an_ASSUME_is_seen_by_the_search_and_Next_keeps_its_own()
    {
        // TLC's TLCSet outside the workers sets every worker's register; a worker's TLCSet is its own.
        // Next counts its evaluations in register 2: one per state (x = 0, 1, 2), the last one fails x < 2.
        var spec = _runner.Write("Registers",
            "EXTENDS Naturals, TLC\nVARIABLE x\nASSUME TLCSet(1, 5) /\\ TLCSet(2, 0)\n"
            + "Init == x = 0\nNext == TLCGet(1) = 5 /\\ TLCSet(2, TLCGet(2) + 1) /\\ x < 2 /\\ x' = x + 1\nInv == TLCGet(2) = x",
            cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        var (exit, output, error) = LibrarySpecRunner.Verify("check", spec);
        Assert.True(exit == 0, output + error);
        Assert.Contains("3 states generated, 3 distinct states found", output);
    }

    [Fact]
    public void TLCGet_level_is_the_depth_of_the_state_being_expanded()
    {
        // Level 1 is the initial state; Next may step while the level is below 4: states x = 0 .. 3.
        // TLC 2.19 checks a new state's invariant at the level of the state it came from (0 for
        // initial states), which is x here.
        var spec = _runner.Write("Levels", "EXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0\nNext == TLCGet(\"level\") < 4 /\\ x' = x + 1\nInv == TLCGet(\"level\") = x",
            cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        var (exit, output, _) = LibrarySpecRunner.Verify("check", spec);
        Assert.Equal(0, exit);
        Assert.Contains("4 states generated, 4 distinct states found, 0 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 4.", output);
    }

    [Fact]
    public void SVG_builds_element_records_and_writes_them_as_SVG_text()
    {
        // Attributes come in the record's (sorted) field order, `_` becomes `-`, the inner text's
        // << >> are escaped and comes before the children. Node 0 of 4 on a circle of radius 5
        // around (10, 10) is at angle 0; node 1 at 90 degrees, where cos is a hair above 0 and
        // the int cast truncates 10.000...06 to 10.
        _runner.AssertFacts("SVG, Naturals",
            "Rect(1, 2, 3, 4, [fill |-> \"red\"]) = [name |-> \"rect\", attrs |-> [fill |-> \"red\", height |-> \"4\", width |-> \"3\", x |-> \"1\", y |-> \"2\"], children |-> <<>>, innerText |-> \"\"]",
            "SVGElemToString(Group(<<Text(5, 6, \"a<<b>>\", [font_size |-> \"2\"]), Circle(1, 1, 2, <<>>)>>, <<>>)) = \"<g><text font-size='2' x='5' y='6'>a&lt;&lt;b&gt;&gt;</text><circle cx='1' cy='1' r='2'></circle></g>\"",
            "NodeOfRingNetwork(10, 10, 5, 0, 4) = [x |-> 15, y |-> 10] /\\ NodeOfRingNetwork(10, 10, 5, 1, 4) = [x |-> 10, y |-> 15]",
            "PointOnLine([x |-> 0, y |-> 0], [x |-> 10, y |-> 4], 2) = [x |-> 5, y |-> 2]");
        var prefix = Path.Combine(_runner.Folder, "frame_").Replace("\\", "/", StringComparison.Ordinal);
        _runner.AssertFacts("SVG, Naturals",
            $"SVGSerialize(SVGDoc(Line(0, 0, 1, 1, <<>>), 0, 0, 8, 9, <<>>), \"{prefix}\", 7).exitValue = 0");
        Assert.Equal("<svg viewBox='0 0 8 9' xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
            + "<line x1='0' x2='1' y1='0' y2='1'></line></svg>", File.ReadAllText(prefix + "007.svg"));
    }

    [Fact]
    public void A_counterexample_is_rebuilt_when_the_VIEW_reads_the_level()
    {
        // The VIEW is the level alone, so a state's fingerprint depends on the level it was found
        // at: x = 0 at 0, x = 1 at 1, x = 2 at 2 violates Inv. Rebuilding the trace must recompute
        // each step at its own level (it used to find no initial state and crash).
        var spec = _runner.Write("ViewLevel", "EXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nInv == x # 2\nView == <<TLCGet(\"level\")>>",
            cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nVIEW View\n");
        var (exit, output, error) = LibrarySpecRunner.Verify("check", spec);
        Assert.True(exit == 12, output + error);
        Assert.Contains("Invariant Inv is violated", output);
        Assert.Contains("x = 2", output);
    }

    [Fact]
    public void TLCExt_asserts_models_values_and_passes_values_through()
    {
        _runner.AssertFacts("TLCExt, TLC, Naturals",
            "AssertEq(1 + 1, 2) /\\ ~AssertEq(1, 2)",
            "AssertError(\"The first argument of Assert evaluated to FALSE; the second argument was:\\n\\\"m\\\"\", Assert(FALSE, \"m\"))",
            "~AssertError(\"other\", Assert(FALSE, \"m\")) /\\ ~AssertError(\"x\", 1)",
            "TLCGetOrDefault(5, \"d\") = \"d\" /\\ TLCSet(5, 1) /\\ TLCGetOrDefault(5, \"d\") = 1",
            "TLCGetAndSet(6, +, 2, 10) = 10 /\\ TLCGet(6) = 12",
            "TLCModelValue(\"mv\") = TLCModelValue(\"mv\") /\\ TLCModelValue(\"mv\") # TLCModelValue(\"other\")",
            "TLCNoOp(3) = 3 /\\ TLCCache(4, {}) = 4 /\\ TLCDefer(FALSE) /\\ PickSuccessor(TRUE)");
        _runner.AssertEvaluationError("TLCExt", "Trace", "Trace is not supported");
        // TLCExt only LOCAL INSTANCEs TLC: extending it alone does not give PrintT.
        Assert.Equal(150, _runner.CheckFacts("TLCExt", "PrintT(1)").Exit);
    }

    [Fact]
    public void Randomization_draws_subsets_of_the_right_shape()
    {
        _runner.AssertFacts("Randomization, FiniteSets",
            "Cardinality(RandomSubset(2, {1, 2, 3})) = 2 /\\ RandomSubset(2, {1, 2, 3}) \\subseteq {1, 2, 3}",
            "RandomSetOfSubsets(3, 1, {1, 2}) \\subseteq SUBSET {1, 2} /\\ RandomSubsetSet(2, \"0.5\", {1}) \\subseteq SUBSET {1}",
            "RandomSetOfSubsets(0, 1, {1, 2}) = {} /\\ RandomSubsetSet(4, \"1.0\", {1, 2}) = {{1, 2}}");
    }

    [Fact]
    public void Proof_modules_load_and_their_pragmas_are_TRUE()
    {
        _runner.AssertFacts("TLAPS, NaturalsInduction, WellFoundedInduction, FiniteSetTheorems, SequenceTheorems, FunctionTheorems, "
            + "SequencesExtTheorems, FiniteSetsExtTheorems, FoldsTheorems, GraphTheorems, BagsTheorems",
            "SMT /\\ Zenon /\\ IsaT(10) /\\ PTL /\\ AllProvers",
            "SetLessThan(2, {<<1, 2>>, <<3, 2>>}, {1, 2, 3}) = {1, 3} /\\ OpToRel(<, {1, 2}) = {<<1, 2>>}",
            "PreImage(LAMBDA e : -e, {1, 2}, {<<-2, -1>>}) = {<<2, 1>>}",
            "IsTransitivelyClosedOn({<<1, 2>>, <<2, 3>>, <<1, 3>>}, {1, 2, 3}) /\\ StrictSubsetOrdering({1}) = {<<{}, {1}>>}",
            "FiniteSubsetsOf({1}) = {{}, {1}}");
        // These quantify over all functions: evaluating one is an error, as in TLC.
        var (exit, _, _) = _runner.CheckFacts("WellFoundedInduction", "WFInductiveUnique({1}, LAMBDA f, x : 0)");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void A_definition_passing_a_LAMBDA_over_a_variable_is_evaluated_in_each_state_not_once()
    {
        // D has no parameters and its body is constant except through the LAMBDA: TLC evaluates it
        // per state (D = <<x>> holds everywhere); cached as a constant it kept x = 1's value.
        var spec = _runner.Write("LambdaLevel", """
            EXTENDS Naturals, Sequences, SequencesExt
            VARIABLE x
            D == SelectSeq(<<1, 2, 3>>, LAMBDA y : y = x)
            E == SelectInSeq(<<1, 2, 3>>, LAMBDA y : y = x)
            Init == x = 1
            Next == x < 3 /\ x' = x + 1
            Inv == D = <<x>> /\ E = x
            """, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");

        var (exit, output, error) = LibrarySpecRunner.Verify("check", spec);

        Assert.True(exit == 0, output + error);
        Assert.Contains("3 states generated, 3 distinct states found, 0 states left on queue.", output);
    }

    [Fact]
    public void CausalOrder_sorts_a_merged_log_by_its_vector_clocks_as_TLC_s_Java_does()
    {
        // b2 follows a1 (b received a's first message) and a2 follows b2; a1 and b1 are concurrent.
        const string log = "<<[n |-> \"b\", vc |-> [a |-> 1, b |-> 2]], [n |-> \"a\", vc |-> [a |-> 1, b |-> 0]], "
            + "[n |-> \"b\", vc |-> [a |-> 0, b |-> 1]], [n |-> \"a\", vc |-> [a |-> 2, b |-> 2]]>>";
        const string order = $"CausalOrder({log}, LAMBDA l : l.vc, LAMBDA l : l.n, LAMBDA vc : DOMAIN vc)";
        _runner.AssertFacts("VectorClocks, Sequences, TLC",
            $"IsCausalOrder({order}, LAMBDA l : l.vc)",
            $"Len({order}) = 4",
            // Roots leave round by round, the nodes visited in TLC's value order ("a" before "b").
            $"[k \\in 1..4 |-> {order}[k].n] = <<\"a\", \"b\", \"b\", \"a\">>");
        _runner.AssertEvaluationError("VectorClocks, Sequences",
            "CausalOrder(<<[n |-> \"a\", vc |-> [a |-> 1, c |-> 1]]>>, LAMBDA l : l.vc, LAMBDA l : l.n, LAMBDA vc : DOMAIN vc)",
            "which logged no line");
    }
}
