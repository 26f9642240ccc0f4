namespace Verification.Tla.Tests.Library;

/// <summary>
/// A trace-validation spec written as etcd and CCF write theirs: it reads an NDJSON log through
/// ndJsonDeserialize(IOEnv.X), walks it with a line index, matches each line with an action of the
/// spec, maps the log's node names to the spec's model values, and is run with -lncheck final:
/// TraceMatched (TLCGet("queue") after each expansion) rejects a log no behaviour can follow, and
/// the postcondition compares the search's diameter with the log's length.
/// </summary>
public sealed class TraceSpecTests : IDisposable
{
    // A name of its own, so that no other test's environment can interfere.
    private const string LogVariable = "VERIFY_TRACE_SPEC_TEST_LOG";

    private readonly LibrarySpecRunner _runner = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(LogVariable, null);
        _runner.Dispose();
    }

    private const string Tally = """
        EXTENDS Naturals
        CONSTANT Node
        VARIABLES count, sent
        vars == <<count, sent>>
        Init == count = [n \in Node |-> 0] /\ sent = 0
        Inc(n) == count' = [count EXCEPT ![n] = @ + 1] /\ UNCHANGED sent
        Send(n) == count[n] > 0 /\ sent' = sent + 1 /\ UNCHANGED count
        Next == \E n \in Node : Inc(n) \/ Send(n)
        """;

    private const string TraceTally = $$"""
        EXTENDS Tally, Json, IOUtils, Sequences, SequencesExt, TLC
        ASSUME TLCGet("config").mode = "bfs"
        TraceLog == TLCEval(SelectSeq(ndJsonDeserialize(IOEnv.{{LogVariable}}), LAMBDA e: "event" \in DOMAIN e))
        \* The log names nodes "n1", "n2"; the spec's nodes are model values of those names.
        NodeOf(name) == CHOOSE n \in Node : ToString(n) = name
        VARIABLE l
        logline == TraceLog[l]
        TraceInit == l = 1 /\ Init
        Step == l' = l + 1 /\ TLCGet("level") = l
        IncIfLogged == /\ logline.event = "Inc"
                       /\ Inc(NodeOf(logline.node))
                       /\ count'[NodeOf(logline.node)] = logline.state.count
        SendIfLogged == /\ logline.event = "Send"
                        /\ Send(NodeOf(logline.node))
                        /\ sent' = logline.state.sent
        TraceNext == l <= Len(TraceLog) /\ (IncIfLogged \/ SendIfLogged) /\ Step
        TraceSpec == TraceInit /\ [][TraceNext]_<<l, vars>>
        TraceView == <<vars, l>>
        TraceMatched == [](l <= Len(TraceLog) => [](TLCGet("queue") = 1 \/ l > Len(TraceLog)))
        TraceAccepted == TLCGet("stats").diameter = Len(TraceLog) + 1 /\ TLCGet("distinct") = Len(TraceLog) + 1
        """;

    private const string TraceConfig = """
        CONSTANT Node = {n1, n2}
        SPECIFICATION TraceSpec
        VIEW TraceView
        PROPERTY TraceMatched
        POSTCONDITION TraceAccepted
        CHECK_DEADLOCK FALSE
        """;

    private static readonly string[] GoodLog =
    [
        """{"ts":1712329729.6024537,"tag":"trace","event":"Inc","node":"n1","state":{"count":1}}""",
        """{"ts":1712329729.7,"tag":"trace","event":"Inc","node":"n2","state":{"count":1}}""",
        """{"ts":1712329729.8,"tag":"other"}""",
        """{"ts":1712329729.9,"tag":"trace","event":"Send","node":"n1","state":{"sent":1}}""",
        """{"ts":1712329730.0,"tag":"trace","event":"Inc","node":"n1","state":{"count":2}}""",
        "",
        """{"ts":1712329730.1,"tag":"trace","event":"Send","node":"n2","state":{"sent":2}}""",
    ];

    private (int Exit, string Output) Validate(string[] log)
    {
        _runner.Write("Tally", Tally);
        var spec = _runner.Write("TraceTally", TraceTally, cfg: TraceConfig);
        var logPath = Path.Combine(_runner.Folder, "run.ndjson");
        File.WriteAllText(logPath, string.Join('\n', log) + "\n");
        Environment.SetEnvironmentVariable(LogVariable, logPath);
        var (exit, output, error) = LibrarySpecRunner.Verify("check", spec, "-lncheck", "final");
        return (exit, output + error);
    }

    [Fact]
    public void A_log_that_a_behaviour_follows_validates_with_one_state_per_line()
    {
        var (exit, output) = Validate(GoodLog);

        Assert.True(exit == 0, output);
        // Five trace lines: the initial state and one state per line, each with one successor.
        Assert.Contains("6 states generated, 6 distinct states found, 0 states left on queue.", output);
        Assert.Contains("The depth of the complete state graph search is 6.", output);
    }

    [Fact]
    public void A_line_whose_logged_state_no_action_produces_is_rejected_by_TraceMatched()
    {
        var bad = (string[])GoodLog.Clone();
        // n1 increments to 2, not 3: no Inc step matches the fourth trace line.
        bad[4] = bad[4].Replace("\"count\":2", "\"count\":3", StringComparison.Ordinal);

        var (exit, output) = Validate(bad);

        // TLC's exit code for a violated temporal property, and the behaviour up to the last matched line.
        Assert.True(exit == 13, output);
        Assert.Contains("Temporal properties were violated.", output);
        Assert.Contains("4 states generated, 4 distinct states found, 0 states left on queue.", output);
        Assert.Contains("l = 4", output);
    }

    [Fact]
    public void The_postcondition_sees_the_final_counters_of_the_search()
    {
        var (exit, output) = Validate(GoodLog);
        Assert.True(exit == 0, output);

        // A postcondition that expects one state more than the search found fails.
        var spec = _runner.Write("TraceTally", TraceTally.Replace("TLCGet(\"distinct\") = Len(TraceLog) + 1", "TLCGet(\"distinct\") = Len(TraceLog) + 2", StringComparison.Ordinal), cfg: TraceConfig);
        var (postExit, postOutput, postError) = LibrarySpecRunner.Verify("check", spec, "-lncheck", "final");
        Assert.True(postExit != 0, postOutput + postError);
        Assert.Contains("Postcondition TraceAccepted is violated.", postOutput + postError);
    }

    // specs/consensus/TraceRaft.tla reads its log from IOEnv.JSON, as etcd's trace spec does.
    private static (int Exit, string Output) ValidateRaft(string log)
    {
        var spec = Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "consensus", "TraceRaft.tla");
        lock (RaftLogVariable)
        {
            var previous = Environment.GetEnvironmentVariable("JSON");
            Environment.SetEnvironmentVariable("JSON", log);
            try
            {
                var config = Path.Combine(Path.GetDirectoryName(spec)!, "MCTraceRaft.cfg");
                var (exit, output, error) = LibrarySpecRunner.Verify("check", spec, "-config", config, "-lncheck", "final");
                return (exit, output + error);
            }
            finally
            {
                Environment.SetEnvironmentVariable("JSON", previous);
            }
        }
    }

    private static readonly object RaftLogVariable = new();

    private static string RaftExampleLog => Path.Combine(Syntax.SyntaxTestFiles.SpecsDirectory, "consensus", "TraceRaft.example.ndjson");

    [Fact]
    public void Our_Raft_trace_spec_accepts_the_merged_log_of_an_election_and_a_commit()
    {
        var (exit, output) = ValidateRaft(RaftExampleLog);

        Assert.True(exit == 0, output);
        // Ten lines (three Init lines, then seven steps of n1 and n3): one state per line.
        Assert.Contains("11 states generated, 11 distinct states found, 0 states left on queue.", output);
    }

    [Fact]
    public void Our_Raft_trace_spec_takes_the_values_a_real_run_names_from_its_log()
    {
        // A real run's clients send m1, m2, ...; the shipped cfg names no values (Value <- TraceValues),
        // so the example with its v1.. renamed is accepted as it is, in as many states.
        var renamed = File.ReadAllText(RaftExampleLog).Replace("\"#unserializable\":\"v", "\"#unserializable\":\"m", StringComparison.Ordinal);
        Assert.Contains("\"#unserializable\":\"m1\"", renamed);
        var log = Path.Combine(Directory.CreateTempSubdirectory("trace-raft-").FullName, "run.ndjson");
        File.WriteAllText(log, renamed);

        var (exit, output) = ValidateRaft(log);

        Assert.True(exit == 0, output);
        Assert.Contains("11 states generated, 11 distinct states found, 0 states left on queue.", output);
    }

    [Fact]
    public void Our_Raft_trace_spec_rejects_a_log_whose_last_line_commits_more_than_Raft_can()
    {
        var lines = File.ReadAllLines(RaftExampleLog);
        lines[^1] = lines[^1].Replace("\"commitLength\":{\"#bigint\":\"1\"}", "\"commitLength\":{\"#bigint\":\"2\"}", StringComparison.Ordinal);
        var bad = Path.Combine(_runner.Folder, "bad-raft.ndjson");
        File.WriteAllLines(bad, lines);

        var (exit, output) = ValidateRaft(bad);

        Assert.True(exit != 0, output);
        Assert.Contains("No behaviour of Raft matches line", output);
        Assert.Contains("Postcondition TraceAccepted is violated.", output);
        Assert.Contains("The depth of the complete state graph search is 10.", output);
    }

    [Fact]
    public void Our_Raft_trace_spec_rejects_an_event_that_is_no_action_of_the_spec()
    {
        var lines = File.ReadAllLines(RaftExampleLog);
        lines[3] = lines[3].Replace("\"event\":\"ElectionTimeout\"", "\"event\":\"BecomeCandidate\"", StringComparison.Ordinal);
        var bad = Path.Combine(_runner.Folder, "unknown-event.ndjson");
        File.WriteAllLines(bad, lines);

        var (exit, output) = ValidateRaft(bad);

        Assert.True(exit != 0, output);
        Assert.Contains("Postcondition TraceAccepted is violated.", output);
        Assert.Contains("The depth of the complete state graph search is 4.", output);
    }
}
