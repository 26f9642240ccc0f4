using Verification.Protocols.Conformance;
using Verification.Systematic.Engine;
using Verification.Tla.Conformance;
using Verification.Tla.Traces;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Conformance;

/// <summary>
/// Explored runs of the broadcast systems validated against their specs: correct systems conform
/// on every schedule (random, PCT, POS; crashes and duplicates on as their scenarios set them), and
/// coverage shows every action of the spec exercised; seeded bugs visible in the abstract state
/// are rejected by conformance alone (the system's monitors off) with a diagnosis naming the action.
/// </summary>
public sealed class BroadcastConformanceTests
{
    /// <summary>Systems whose runs conform to their CI model (see the report for the others).</summary>
    public static TheoryData<string> Conforming => new() { "BestEffortBroadcast", "EagerReliableBroadcast", "FifoBroadcast", "LazyReliableBroadcast", "UniformReliableBroadcast" };

    [Theory]
    [MemberData(nameof(Conforming))]
    public void Correct_runs_conform_on_every_schedule_and_cover_every_action(string name)
    {
        var system = ConformanceTestKit.System(name);
        var session = ConformanceTestKit.Session(system);
        foreach (var strategy in new[] { "random", "pct", "pos" })
        {
            var report = ConformanceTestKit.Run(system, null, session, ConformanceTestKit.Config(strategy, 100));
            Assert.False(report.BugFound, $"{name} with {strategy}: {report.Bug?.Message}");
        }
        // At least one trace per iteration (the determinism check runs the first iteration twice).
        Assert.True(session.TracesChecked >= 300, $"{session.TracesChecked} traces checked");
        Assert.Equal(0, session.NonConforming);
        Assert.Equal(0, session.Inconclusive);
        Assert.True(session.StepsValidated > 2_000, $"{session.StepsValidated} steps validated");
        Assert.True(session.Coverage.NeverExercised.Count == 0, session.Coverage.FormatTable());

        // Two workers share the session (one validator per thread) and reach the same verdicts.
        var parallel = ConformanceTestKit.Session(system, coverage: false);
        var report2 = ConformanceTestKit.Run(system, null, parallel, ConformanceTestKit.Config("random", 100) with { Parallel = 2 });
        Assert.False(report2.BugFound, report2.Bug?.Message);
        Assert.True(parallel.TracesChecked >= 100 && parallel.NonConforming == 0, $"{parallel.TracesChecked} traces, {parallel.NonConforming} not conforming");
    }

    [Theory]
    [InlineData("BestEffortBroadcast", BestEffortBroadcastBug, "Receive", "delivered")]
    [InlineData("EagerReliableBroadcast", "no-relay", "Receive", "outbox")]
    [InlineData("FifoBroadcast", "no-holdback", "Receive", "delivered")]
    [InlineData("LazyReliableBroadcast", "no-relay-on-crash", "DetectCrash", "outbox")]
    // Delivering on first sight: the broadcaster delivers its own message at once, which the spec's Broadcast does not allow.
    [InlineData("UniformReliableBroadcast", "deliver-before-majority", "Broadcast", "delivered")]
    public void Seeded_bugs_are_rejected_by_conformance_alone(string name, string bug, string action, string variable)
    {
        var system = ConformanceTestKit.System(name);
        var session = ConformanceTestKit.Session(system, coverage: false);
        var report = TestingEngine.Run(system.Name, () =>
        {
            var scenario = session.Attach(system.CreateScenario(bug));
            // Only the recorder judges the run: the system's own monitors are left out.
            return new Scenario
            {
                NodeCount = scenario.NodeCount,
                CreateNode = scenario.CreateNode,
                Workload = scenario.Workload,
                Faults = scenario.Faults,
                CreateMonitors = () => scenario.CreateMonitors().Where(m => m is ConformanceRecorder).ToArray(),
            };
        }, ConformanceTestKit.Config("random", 1_000));
        Assert.True(report.BugFound, $"{name}/{bug}: conformance did not reject any run in 1,000 iterations");
        Assert.Equal("conformance", report.Bug!.Detector);
        Assert.True(report.Bug.Message.Contains($"Claimed action: {action}", StringComparison.Ordinal), report.Bug.Message);
        Assert.Contains("Failed conjunct", report.Bug.Message);
        // Validation runs alongside the run, so the run stops at the step the spec does not allow.
        Assert.Contains($"(step {report.Bug.FailingStep} of the run)", report.Bug.Message);
        Assert.True(report.Bug.Message.Contains($"    {variable}: the trace has", StringComparison.Ordinal), report.Bug.Message);
        // The explanation goes down to the assignment (through IF and LET) that the step contradicts.
        Assert.True(report.Bug.Message.Contains($"the action sets {variable}' to", StringComparison.Ordinal), report.Bug.Message);
    }

    private const string BestEffortBroadcastBug = "deliver-duplicates";

    [Fact]
    public void Mutated_run_traces_are_rejected_and_partial_ones_accepted()
    {
        var system = ConformanceTestKit.System("EagerReliableBroadcast");
        var session = ConformanceTestKit.Session(system, coverage: false);
        var recorders = new List<ConformanceRecorder>();
        var scenario = system.CreateScenario(null);
        var config = ConformanceTestKit.Config("random", 20, seed: 3);
        TestingEngine.Run(system.Name, () => new Scenario
        {
            NodeCount = scenario.NodeCount,
            CreateNode = scenario.CreateNode,
            Workload = scenario.Workload,
            Faults = scenario.Faults,
            CreateMonitors = () =>
            {
                var created = session.CreateRecorder();
                recorders.Add(created);
                return [created];
            },
        }, config with { DeterminismCheck = false });
        var recorder = recorders.MaxBy(static r => r.Steps)!;
        var trace = recorder.ToObservedTrace();
        Assert.True(trace.Events.Count >= 8, $"the run has {trace.Events.Count} steps");
        var validator = new TraceValidator(session.Spec);
        Assert.Equal(ConformanceVerdict.Conforms, validator.Validate(trace).Verdict);

        var variables = session.Spec.Variables.ToList();
        var network = variables.IndexOf("network");
        var delivered = variables.IndexOf("delivered");
        var events = trace.Events.ToArray();

        // A field changed: a delivery the implementation never made.
        var changed = Clone(events);
        var last = changed.Length - 1;
        var state = (Value?[])changed[last].State.Clone();
        state[delivered] = AddDelivery(state[delivered]!);
        changed[last] = changed[last] with { State = state };
        AssertRejected(validator, trace with { Events = changed }, last);

        // A step dropped (not the last: dropping the last leaves a valid prefix).
        var dropAt = FirstChangingStep(events, 2);
        AssertRejected(validator, trace with { Events = events.Where((_, i) => i != dropAt).ToArray() }, dropAt);

        // Two steps swapped: a send before the broadcast that creates the message.
        var swapped = Clone(events);
        var broadcast = Array.FindIndex(events, e => e.Action == "Broadcast");
        var send = Array.FindIndex(events, broadcast + 1, e => e.Action == "Send");
        (swapped[broadcast], swapped[send]) = (swapped[send], swapped[broadcast]);
        Assert.Equal(ConformanceVerdict.DoesNotConform, validator.Validate(trace with { Events = swapped }).Verdict);

        // A message invented: an extra copy in flight that nobody sent.
        var invented = Clone(events);
        var withMessage = Array.FindIndex(events, e => e.State[network] is SetValue { IsEmpty: false });
        var inventedState = (Value?[])invented[withMessage].State.Clone();
        var existing = ((SetValue)inventedState[network]!).Enumerate().First();
        var forged = With((FunctionValue)existing, StringValue.Of("id"), FunctionValue.Tuple(ItfReader.ReadValue("{\"#unserializable\": \"n3\"}", session.Spec.ModelValues), IntValue.Of(7)));
        inventedState[network] = FiniteSetValue.Of([.. ((SetValue)inventedState[network]!).Enumerate(), forged]);
        invented[withMessage] = invented[withMessage] with { State = inventedState };
        AssertRejected(validator, trace with { Events = invented }, withMessage);

        // Partial: the network and outboxes left out of every state are left to the spec.
        var partial = trace with
        {
            Events = events.Select(e =>
            {
                var s = (Value?[])e.State.Clone();
                s[network] = null;
                s[variables.IndexOf("outbox")] = null;
                return e with { State = s };
            }).ToArray(),
        };
        var result = validator.Validate(partial);
        Assert.Equal(ConformanceVerdict.Conforms, result.Verdict);

        // The recorder's ITF round-trips through the reader and still conforms.
        var path = Path.Combine(Path.GetTempPath(), $"conformance-{Environment.ProcessId}.itf.json");
        try
        {
            recorder.WriteItf(path);
            var read = TraceReader.ReadFile(path, session.Spec);
            Assert.True(read.StartsWithInitialState);
            Assert.Equal(ConformanceVerdict.Conforms, validator.Validate(read).Verdict);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static TraceEvent[] Clone(TraceEvent[] events) => (TraceEvent[])events.Clone();

    private static int FirstChangingStep(TraceEvent[] events, int from)
    {
        for (var i = from; i < events.Length - 1; i++)
            if (events[i].Action is "Broadcast" or "Send") return i;
        return from;
    }

    private static Value AddDelivery(Value delivered)
    {
        // delivered[p] is a sequence of message ids; give the first node an extra, made-up one.
        var function = (FunctionValue)delivered;
        var node = function.DomainElements[0];
        var made = FunctionValue.Tuple(node, IntValue.Of(99));
        var sequence = (FunctionValue)function.Values[0];
        return With(function, node, FunctionValue.Tuple([.. sequence.Values.ToArray(), made]));
    }

    private static FunctionValue With(FunctionValue function, Value key, Value value)
    {
        var pairs = new List<KeyValuePair<Value, Value>>();
        for (var i = 0; i < function.Count; i++)
            pairs.Add(new(function.DomainElements[i], function.DomainElements[i].Equals(key) ? value : function.Values[i]));
        return FunctionValue.FromPairs(pairs);
    }

    private static void AssertRejected(TraceValidator validator, ObservedTrace trace, int expectedStep)
    {
        var result = validator.Validate(trace);
        Assert.True(result.Verdict == ConformanceVerdict.DoesNotConform, $"expected a rejection at step {expectedStep}: {result.Describe()}");
        Assert.Equal(expectedStep, result.Diagnosis!.Step);
    }
}
