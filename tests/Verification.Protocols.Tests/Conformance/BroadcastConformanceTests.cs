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
    /// <summary>
    /// Every broadcast system, each validated against its conformance model (MC&lt;Name&gt;Conformance.cfg
    /// where the CI model is smaller than the scenario). Every action of every spec is exercised:
    /// each fault a spec models (Crash in best-effort, the four reliable broadcasts and Gossip,
    /// Duplicate in best-effort, Lose in Gossip) is one its scenario injects, so no action is
    /// listed as unreachable.
    /// </summary>
    public static TheoryData<string> Conforming => new()
    {
        "BestEffortBroadcast", "CausalBroadcast", "EagerReliableBroadcast", "FifoBroadcast", "Gossip",
        "IsisTotalOrder", "LamportTotalOrder", "LazyReliableBroadcast", "SequencerTotalOrder", "UniformReliableBroadcast",
    };

    [Theory]
    [MemberData(nameof(Conforming))]
    public void Correct_runs_conform_on_every_schedule_and_cover_every_action(string name) =>
        ConformanceTestKit.AssertCorrectRunsConform(name, iterations: 100, minimumSteps: 2_000);

    /// <summary>
    /// Seeded bugs whose effect is visible in the abstract state: system, bug, the action the
    /// diagnosis names, and either the variable whose new value the action does not allow or (for
    /// a step the action's guard forbids) a piece of the guard conjunct that fails, and a piece of
    /// the diagnosis when there is more to check (seed 1, random, conformance alone).
    /// </summary>
    public static TheoryData<string, string, string, string?, string?, string?> RejectedByConformance => new()
    {
        { "BestEffortBroadcast", "deliver-duplicates", "Receive", "delivered", null, null },
        // The sender's own entry of deps counts what it delivered of its own, not what it broadcast.
        { "CausalBroadcast", "ignore-own", "Broadcast", "network", null, null },
        { "EagerReliableBroadcast", "no-relay", "Receive", "outbox", null, null },
        { "FifoBroadcast", "no-holdback", "Receive", "delivered", null, null },
        // A rumor heard again is delivered again: the spec's Receive leaves deliveredLog unchanged.
        { "Gossip", "no-dedup", "Receive", "deliveredLog", null, null },
        // The agreed timestamp sent to all is the smallest proposal, not the largest.
        { "IsisTotalOrder", "min-agreement", "ReceiveProposal", "network", null, null },
        // Delivering before every other node has sent a later timestamp: the guard on latest fails.
        { "LamportTotalOrder", "deliver-early", "Deliver", null, "latest[n][k]", "Deliver is not enabled in the state before the step" },
        { "LazyReliableBroadcast", "no-relay-on-crash", "DetectCrash", "outbox", null, null },
        // A numbered message delivered out of number order: the label Deliver(n3, 3, <<n2, 2>>) names
        // the node and the message, whose number is not the next one n3 expects (it skipped 2).
        { "SequencerTotalOrder", "no-fifo-sequencer", "Deliver", null, "msg.seq = delivered[n] + 1",
            "Instance examined: n = n3, msg = [id |-> <<n2, 2>>, seq |-> 3, type |-> \"Sequenced\"]" },
        // Delivering on first sight: the broadcaster delivers its own message at once, which the spec's Broadcast does not allow.
        { "UniformReliableBroadcast", "deliver-before-majority", "Broadcast", "delivered", null, null },
    };

    /// <summary>
    /// Seeded bugs the spec cannot see, with the reason: conformance checks that every step is a
    /// step of Next (safety), so a bug that only withholds steps leaves a behaviour of the spec.
    /// The system's own (liveness) monitors catch these.
    /// </summary>
    public static TheoryData<string, string, string> InvisibleToTheSpec => new()
    {
        // deps strictly below delivered implies deps <= delivered, so every delivery it makes is
        // one the spec's Deliver allows; it only never delivers a message whose deps equal the
        // delivered vector exactly, which breaks Validity (liveness), not a step of Next.
        { "CausalBroadcast", "strict-compare", "liveness:Validity" },
    };

    [Theory]
    [MemberData(nameof(RejectedByConformance))]
    public void Seeded_bugs_are_rejected_by_conformance_alone(string name, string bug, string action, string? variable, string? guard, string? detail)
    {
        var report = ConformanceTestKit.AssertRejectedByConformanceAlone(name, bug, action);
        if (variable is not null)
        {
            Assert.True(report.Bug!.Message.Contains($"    {variable}: ", StringComparison.Ordinal), report.Bug!.Message);
            // The explanation goes down to the assignment (through IF and LET) that the step
            // contradicts, or to the UNCHANGED that it breaks.
            Assert.True(report.Bug!.Message.Contains($"the action sets {variable}' to", StringComparison.Ordinal)
                || report.Bug!.Message.Contains($"is false: {variable} changed from", StringComparison.Ordinal), report.Bug!.Message);
        }
        if (guard is not null)
        {
            var failed = report.Bug!.Message.Split('\n').Single(l => l.TrimStart().StartsWith("Failed conjunct", StringComparison.Ordinal));
            Assert.True(failed.Contains(guard, StringComparison.Ordinal), report.Bug!.Message);
        }
        if (detail is not null) Assert.True(report.Bug!.Message.Contains(detail, StringComparison.Ordinal), report.Bug!.Message);
        ConformanceTestKit.AssertExaminesTheActingNode(report);
    }

    [Theory]
    [MemberData(nameof(InvisibleToTheSpec))]
    public void Seeded_bugs_invisible_to_the_spec_conform_and_are_left_to_the_monitors(string name, string bug, string detector)
    {
        var system = ConformanceTestKit.System(name);
        var session = ConformanceTestKit.Session(system, coverage: false);
        var report = TestingEngine.Run(system.Name, () => ConformanceOnly.Judge(session, system.CreateScenario(bug)), ConformanceTestKit.Config("random", 200));
        Assert.False(report.BugFound, report.Bug?.Message);
        Assert.True(session.TracesChecked >= 200 && session.NonConforming == 0, $"{session.TracesChecked} traces, {session.NonConforming} not conforming");

        var monitors = TestingEngine.Run(system.Name, () => system.CreateScenario(bug), ConformanceTestKit.Config("random", 200));
        Assert.True(monitors.BugFound, $"{name}/{bug}: the monitors found nothing in 200 iterations");
        Assert.Equal(detector, monitors.Bug!.Detector);
    }

    private static IEnumerable<object[]> Rows(IEnumerable<object[]> data) => data;


    [Fact]
    public void Mutated_run_traces_are_rejected_and_partial_ones_accepted()
    {
        var system = ConformanceTestKit.System("EagerReliableBroadcast");
        var session = ConformanceTestKit.Session(system, coverage: false);
        var recorders = new List<ConformanceRecorder>();
        var scenario = system.CreateScenario(null);
        var config = ConformanceTestKit.Config("random", 20, seed: 3);
        TestingEngine.Run(system.Name, () => scenario with
        {
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
