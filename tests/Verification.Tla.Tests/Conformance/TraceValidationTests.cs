using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// The validation engine on the kit's PetersonBug: TLC's own counterexample is a behaviour of the
/// spec, so it must conform; every mutation of it must be rejected with a diagnosis.
/// </summary>
public sealed class TraceValidationTests
{
    private static readonly string Folder = Path.Combine(Syntax.SyntaxTestFiles.KitDirectory, "PetersonBug");
    private static readonly Lazy<ConformanceSpec> Peterson = new(() =>
        ConformanceSpec.Load(Path.Combine(Folder, "PetersonBug.tla"), Path.Combine(Folder, "PetersonBug.cfg")));

    private static ConformanceSpec Spec => Peterson.Value;

    /// <summary>TLC's counterexample as an observed trace, labelled with the action names TLC printed.</summary>
    private static ObservedTrace TlcTrace(bool labelled = true)
    {
        var states = TlcTraceReader.ParseTrace(File.ReadAllText(Path.Combine(Folder, "tlc-output.txt")), modelValues: Spec.ModelValues);
        var rows = states.Select(s => (
            Location: $"State {s.Number}",
            Label: labelled && s.Number > 1 ? s.Header.TrimStart('<').Split(' ')[0] : null,
            Values: (IReadOnlyList<Value?>)Spec.Variables.Select(v => (Value?)s.Variables.First(p => p.Key == v).Value).ToArray())).ToList();
        return ObservedTrace.FromStates("tlc-output.txt", Spec.Variables, Spec.Variables, rows, startsWithInitialState: true);
    }

    private static ValidationResult Validate(ObservedTrace trace, ValidationOptions? options = null) => new TraceValidator(Spec, options).Validate(trace);

    private static int Var(string name) => Spec.Variables.ToList().IndexOf(name);

    private static Value Pc(string p0, string p1) => TlcTraceReader.ParseValue($"(0 :> \"{p0}\" @@ 1 :> \"{p1}\")");

    [Fact]
    public void The_actions_of_next_are_found_through_the_quantifier()
    {
        Assert.Equal(["Yield", "Raise", "Wait", "Leave"], Spec.ActionNames);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tlc_counterexample_conforms_labelled_or_not(bool labelled)
    {
        var trace = TlcTrace(labelled);
        var result = Validate(trace);
        Assert.Equal(ConformanceVerdict.Conforms, result.Verdict);
        Assert.Equal(trace.Events.Count - 1, result.StepsValidated); // transitions: the initial state is no step
        Assert.Equal(1, result.LargestFrontier);
    }

    [Fact]
    public void A_changed_field_is_rejected_with_the_failed_assignment()
    {
        var trace = TlcTrace();
        var events = trace.Events.ToArray();
        // State 3 (index 2) is Yield(1): turn' = Other(1) = 0. Claim turn = 1 instead.
        var state = (Value?[])events[2].State.Clone();
        state[Var("turn")] = IntValue.Of(1);
        events[2] = events[2] with { State = state };
        var result = Validate(trace with { Events = events });

        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        var diagnosis = result.Diagnosis!;
        Assert.Equal(2, diagnosis.Step);
        Assert.Equal("Yield", diagnosis.ClaimedAction);
        Assert.Equal("turn' = Other(p)", diagnosis.FailedConjunct);
        Assert.Contains("the action sets turn' to 0; the trace has turn' = 1", diagnosis.Explanation);
        Assert.Contains(diagnosis.DifferingVariables, d => d.StartsWith("turn: the trace has 1; Yield allows 0", StringComparison.Ordinal));
        Assert.Contains(diagnosis.Instance, p => p.Parameter == "p" && p.Value.Equals(IntValue.Of(1)));
    }

    [Fact]
    public void A_dropped_step_is_rejected()
    {
        var trace = TlcTrace();
        var events = trace.Events.Where((_, i) => i != 3).ToArray(); // drop Raise(1)
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal(3, result.Diagnosis!.Step);
        Assert.Equal("Wait", result.Diagnosis.ClaimedAction);
        // Wait(1) needs pc[1] = "wait"; after the drop it is still "raise".
        Assert.Contains("pc[p] = \"wait\"", result.Diagnosis.FailedConjunct);
        Assert.Contains("pc[p] = \"raise\"", result.Diagnosis.Explanation);
    }

    [Fact]
    public void Two_swapped_steps_are_rejected()
    {
        var trace = TlcTrace();
        var events = trace.Events.ToArray();
        (events[3], events[4]) = (events[4], events[3]);
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal(3, result.Diagnosis!.Step);
    }

    [Fact]
    public void A_wrong_label_names_the_action_that_explains_the_step()
    {
        var trace = TlcTrace();
        var events = trace.Events.ToArray();
        events[3] = events[3] with { Action = "Leave" }; // really Raise(1)
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal("Leave", result.Diagnosis!.ClaimedAction);
        Assert.Equal("Raise", result.Diagnosis.NearestAction);
        Assert.Contains("explains the step", result.Diagnosis.NearestActionDetail);
    }

    [Fact]
    public void A_first_state_that_is_not_initial_is_rejected()
    {
        var trace = TlcTrace();
        var events = trace.Events.ToArray();
        var state = (Value?[])events[0].State.Clone();
        state[Var("pc")] = Pc("cs", "ncs");
        events[0] = events[0] with { State = state };
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal(0, result.Diagnosis!.Step);
        Assert.Contains(result.Diagnosis.DifferingVariables, d => d.StartsWith("pc: the trace has", StringComparison.Ordinal));
        Assert.Contains("not an initial state", result.Diagnosis.Describe());
    }

    [Fact]
    public void Partial_trace_conforms_and_keeps_every_consistent_state()
    {
        var trace = TlcTrace(labelled: false);
        var events = trace.Events.Select(e =>
        {
            var state = (Value?[])e.State.Clone();
            state[Var("turn")] = null;
            state[Var("flag")] = null;
            return e with { State = state };
        }).ToArray();
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.Conforms, result.Verdict);
        Assert.True(result.LargestFrontier >= 2, $"turn is free initially, so both values are tracked (largest frontier {result.LargestFrontier})");
    }

    [Fact]
    public void Partial_trace_that_no_behaviour_explains_is_rejected()
    {
        var trace = TlcTrace(labelled: false);
        var events = trace.Events.Select(e =>
        {
            var state = (Value?[])e.State.Clone();
            state[Var("turn")] = null;
            return e with { State = state };
        }).ToArray();
        // Both processes in the critical section while neither flag is raised: no behaviour does that.
        var invented = (Value?[])events[^1].State.Clone();
        invented[Var("flag")] = TlcTraceReader.ParseValue("(0 :> FALSE @@ 1 :> FALSE)");
        events[^1] = events[^1] with { State = invented };
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Equal(events.Length - 1, result.Diagnosis!.Step);
    }

    [Fact]
    public void Hitting_the_frontier_bound_is_inconclusive_not_a_verdict()
    {
        var trace = TlcTrace(labelled: false);
        var events = trace.Events.Select(e =>
        {
            var state = (Value?[])e.State.Clone();
            state[Var("turn")] = null;
            return e with { State = state };
        }).ToArray();
        var result = Validate(trace with { Events = events }, new ValidationOptions { MaxFrontier = 1 });
        Assert.Equal(ConformanceVerdict.Inconclusive, result.Verdict);
        Assert.Contains("more than 1 spec states", result.InconclusiveReason);
    }

    [Fact]
    public void Coverage_lists_exercised_actions_with_arguments_and_the_ones_never_taken()
    {
        var coverage = new ConformanceCoverage(Spec);
        coverage.Add(Validate(TlcTrace(labelled: false), new ValidationOptions { RecordCoverage = true }));
        Assert.Equal(["Yield", "Raise", "Wait"], coverage.Exercised);
        Assert.Equal(["Leave"], coverage.NeverExercised);
        var yield = coverage.Actions.Single(a => a.Action == "Yield");
        Assert.Equal(2, yield.Steps);
        Assert.Equal(["0", "1"], yield.DistinctArguments);
        Assert.Contains("never exercised", coverage.FormatTable());
    }

    [Fact]
    public void Labels_with_arguments_check_that_instance_only()
    {
        var trace = TlcTrace();
        var events = trace.Events.ToArray();
        events[1] = events[1] with { Action = "Yield", Arguments = [IntValue.Of(0)] };
        Assert.Equal(ConformanceVerdict.Conforms, Validate(trace with { Events = events }).Verdict);
        events[1] = events[1] with { Arguments = [IntValue.Of(1)] };
        var result = Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, result.Verdict);
        Assert.Contains(result.Diagnosis!.Instance, p => p.Value.Equals(IntValue.Of(1)));
    }

    [Fact]
    public void Quint_nondet_picks_name_the_instance()
    {
        var trace = TlcTrace();
        ObservedTrace WithPick(int p, bool wrapped)
        {
            var states = trace.Events.Select((e, i) =>
            {
                var extra = new Dictionary<string, Value>();
                if (e.Action is { } action) extra[ItfTrace.ActionTakenKey] = StringValue.Of(action);
                if (i == 1)
                {
                    Value pick = wrapped ? FunctionValue.Record(("tag", StringValue.Of("Some")), ("value", IntValue.Of(p))) : IntValue.Of(p);
                    extra[TraceEvent.NondetPicksKey] = FunctionValue.Record(("p", pick));
                }
                return new ItfState(e.State.Select(v => v!).ToArray(), extra);
            }).ToArray();
            return ObservedTrace.FromItf(new ItfTrace(Spec.Variables, states), Spec.Variables);
        }
        Assert.Equal(ConformanceVerdict.Conforms, Validate(WithPick(0, wrapped: true)).Verdict);
        var rejected = Validate(WithPick(1, wrapped: false));
        Assert.Equal(ConformanceVerdict.DoesNotConform, rejected.Verdict);
        Assert.Equal(1, rejected.Diagnosis!.Step);
        Assert.Contains(rejected.Diagnosis.Instance, p => p.Parameter == "p" && p.Value.Equals(IntValue.Of(1)));
    }

    [Fact]
    public void Itf_round_trip_and_ndjson_log_are_read_and_validated()
    {
        var trace = TlcTrace();
        var itf = ItfTrace.FromStates(Spec.Variables, trace.Events.Select(e => (IReadOnlyList<Value>)e.State.Select(v => v!).ToArray()),
            trace.Events.Select(e => e.Action));
        var directory = Directory.CreateTempSubdirectory("conformance-tests");
        try
        {
            var itfPath = Path.Combine(directory.FullName, "peterson.itf.json");
            ItfWriter.WriteFile(itfPath, itf);
            Assert.Equal(ConformanceVerdict.Conforms, Validate(TraceReader.ReadFile(itfPath, Spec)).Verdict);

            // Partial ITF: states may leave variables out.
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(itfPath))!;
            foreach (var state in json["states"]!.AsArray().Skip(1)) state!.AsObject().Remove("turn");
            File.WriteAllText(itfPath, json.ToJsonString());
            var partial = TraceReader.ReadFile(itfPath, Spec);
            Assert.Null(partial.Events[1].State[Var("turn")]);
            Assert.Equal(ConformanceVerdict.Conforms, Validate(partial).Verdict);

            var ndjsonPath = Path.Combine(directory.FullName, "peterson.ndjson");
            var lines = new List<string> { "{\"event\": \"Init\", \"state\": {\"pc\": {\"#map\": [[0, \"ncs\"], [1, \"ncs\"]]}}}" };
            foreach (var e in trace.Events.Skip(1))
                lines.Add($"{{\"event\": \"{e.Action}\", \"pc\": {ItfWriter.WriteValue(e.State[Var("pc")]!)}}}");
            File.WriteAllLines(ndjsonPath, lines);
            var log = TraceReader.ReadFile(ndjsonPath, Spec);
            Assert.True(log.StartsWithInitialState);
            Assert.Equal(ConformanceVerdict.Conforms, Validate(log).Verdict);

            File.WriteAllLines(ndjsonPath, [lines[0], "{\"event\": \"Yield\", \"pcc\": 1}"]);
            var error = Assert.Throws<TraceFormatException>(() => TraceReader.ReadFile(ndjsonPath, Spec));
            Assert.StartsWith($"{ndjsonPath}:2:1: \"pcc\" is not a variable of the spec", error.Message);

            File.WriteAllLines(ndjsonPath, [lines[0], "{\"event\": \"Yield\", "]);
            error = Assert.Throws<TraceFormatException>(() => TraceReader.ReadFile(ndjsonPath, Spec));
            Assert.StartsWith($"{ndjsonPath}:2:", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

/// <summary>Long random behaviours of the kit's Peterson (Next dispatches through Proc(p)) conform; the speed figure is for the log only.</summary>
public sealed class LongTraceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<ConformanceSpec> Peterson = new(() =>
    {
        var folder = Path.Combine(Syntax.SyntaxTestFiles.KitDirectory, "Peterson");
        return ConformanceSpec.Load(Path.Combine(folder, "Peterson.tla"), Path.Combine(folder, "Peterson.cfg"));
    });

    [Fact]
    public void Actions_are_found_through_a_parameterised_dispatcher()
    {
        Assert.Equal(["Raise", "Yield", "Wait", "Leave"], Peterson.Value.ActionNames);
    }

    [Fact]
    public void Random_behaviours_conform_full_unlabelled_and_partial()
    {
        var spec = Peterson.Value;
        var trace = RandomBehaviour.Generate(spec, 20_000, seed: 7);
        Assert.Equal(20_001, trace.Events.Count);
        var validator = new TraceValidator(spec);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var full = validator.Validate(trace);
        output.WriteLine($"full: {full.StepsValidated} steps in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(ConformanceVerdict.Conforms, full.Verdict);
        Assert.Equal(20_000, full.StepsValidated);

        var unlabelled = trace with { Events = trace.Events.Select(static e => e with { Action = null }).ToArray() };
        Assert.Equal(ConformanceVerdict.Conforms, validator.Validate(unlabelled).Verdict);

        clock.Restart();
        var partial = validator.Validate(RandomBehaviour.Without(trace, "flag", "turn"));
        output.WriteLine($"partial: {partial.StepsValidated} steps in {clock.Elapsed.TotalMilliseconds:F0} ms, largest frontier {partial.LargestFrontier}");
        Assert.Equal(ConformanceVerdict.Conforms, partial.Verdict);

        // One changed value in the middle of the long trace is found at that step.
        var events = trace.Events.ToArray();
        var pc = spec.Variables.ToList().IndexOf("pc");
        var changed = (Value?[])events[12_345].State.Clone();
        // Both processes in the critical section: no state of the behaviour has it, and the step
        // cannot pass as stuttering (as putting back the previous pc could, after a step that only moved pc).
        changed[pc] = TlcTraceReader.ParseValue("(0 :> \"cs\" @@ 1 :> \"cs\")");
        events[12_345] = events[12_345] with { State = changed };
        var rejected = validator.Validate(trace with { Events = events });
        Assert.Equal(ConformanceVerdict.DoesNotConform, rejected.Verdict);
        Assert.Equal(12_345, rejected.Diagnosis!.Step);
    }
}

/// <summary>Coverage found on the fast path of complete steps (one run of the action's witness) agrees with the general search's explanation.</summary>
public sealed class CoverageFastPathTests
{
    private static readonly Lazy<ConformanceSpec> Peterson = new(() =>
    {
        var folder = Path.Combine(Syntax.SyntaxTestFiles.KitDirectory, "Peterson");
        return ConformanceSpec.Load(Path.Combine(folder, "Peterson.tla"), Path.Combine(folder, "Peterson.cfg"));
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Complete_and_partial_traces_credit_the_same_action_instances(bool labelled)
    {
        var spec = Peterson.Value;
        var trace = RandomBehaviour.Generate(spec, 2_000, seed: 3);
        if (!labelled) trace = trace with { Events = trace.Events.Select(static e => e with { Action = null }).ToArray() };
        var validator = new TraceValidator(spec, new ValidationOptions { RecordCoverage = true });
        var complete = validator.Validate(trace);
        // Without flag and turn every step still leaves one spec state, but takes the general search (and Explain).
        var partial = validator.Validate(RandomBehaviour.Without(trace, "flag", "turn"));
        Assert.Equal(ConformanceVerdict.Conforms, complete.Verdict);
        Assert.Equal(ConformanceVerdict.Conforms, partial.Verdict);
        Assert.Equal(1, partial.LargestFrontier);
        Assert.Equal(2_000, complete.ActionsUsed.Count);
        static string Show(ActionUse use) => $"{use.Action}({string.Join(", ", (use.Arguments ?? []).Select(static a => ValuePrinter.Print(a)))})";
        Assert.Equal(partial.ActionsUsed.Select(Show), complete.ActionsUsed.Select(Show));
        Assert.Equal(spec.ActionNames.Order(), complete.ActionsUsed.Select(static u => u.Action).Distinct().Order());
        Assert.All(complete.ActionsUsed, static u => Assert.Single(u.Arguments!));
    }
}

/// <summary>`verify validate`: exit codes and one-line errors.</summary>
public sealed class ValidateCommandTests
{
    private static readonly string Folder = Path.Combine(Syntax.SyntaxTestFiles.KitDirectory, "PetersonBug");
    private static readonly string SpecPath = Path.Combine(Folder, "PetersonBug.tla");

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = global::Verification.Cli.Cli.Run(global::Verification.Cli.VerifyApp.CreateRoot(), args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"validate-{Environment.ProcessId}-{name}");
        File.WriteAllLines(path, lines);
        return path;
    }

    private const string Init = "{\"event\": \"Init\", \"pc\": {\"#map\": [[0, \"ncs\"], [1, \"ncs\"]]}, \"turn\": 0}";

    [Fact]
    public void Conforming_log_exits_0()
    {
        var path = Write("ok.ndjson", Init, "{\"event\": \"Yield\", \"pc\": {\"#map\": [[0, \"raise\"], [1, \"ncs\"]]}, \"turn\": 1}");
        var (exit, output, error) = Run("validate", path, "--spec", SpecPath, "--coverage");
        Assert.True(exit == 0, output + error);
        Assert.Contains("conforms (2 states, 1 step validated", output);
        Assert.Contains("Yield(p)", output);
    }

    [Fact]
    public void Non_conforming_log_exits_12_with_the_diagnosis()
    {
        var path = Write("bad.ndjson", Init, "{\"event\": \"Wait\", \"pc\": {\"#map\": [[0, \"cs\"], [1, \"ncs\"]]}}");
        var (exit, output, _) = Run("validate", path, "--spec", SpecPath);
        Assert.Equal(12, exit);
        Assert.Contains("Claimed action: Wait", output);
        Assert.Contains("guard pc[p] = \"wait\" is false: pc[p] = \"ncs\"", output);
    }

    [Fact]
    public void Frontier_bound_exits_152_as_inconclusive()
    {
        var path = Write("free.ndjson", "{\"event\": \"Init\"}", "{\"event\": \"Yield\"}");
        var (exit, output, _) = Run("validate", path, "--spec", SpecPath, "--max-frontier", "1");
        Assert.Equal(152, exit);
        Assert.Contains("inconclusive", output);
    }

    [Fact]
    public void Malformed_trace_is_one_located_line()
    {
        var path = Write("broken.ndjson", Init, "{\"event\": \"Yield\", \"pc\": }");
        var (exit, _, error) = Run("validate", path, "--spec", SpecPath);
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {path}:2:", error);
        Assert.Single(error.Trim().Split('\n'));

        var (missingExit, _, missing) = Run("validate", path + ".none", "--spec", SpecPath);
        Assert.Equal(1, missingExit);
        Assert.Contains("file not found", missing);
    }
}
