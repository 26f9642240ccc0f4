using Verification.Systematic.Engine;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;
using Verification.Systematic.Tests.Systems;

namespace Verification.Systematic.Tests;

/// <summary>The world's semantics: timers, crashes and durable state, partitions and the heal phase, choices, detectors.</summary>
public class WorldTests
{
    private static readonly string Reports = Path.Combine(Path.GetTempPath(), "verification-systematic-tests", "world");

    private sealed record Ping(int Left);

    [Fact]
    public void A_timer_fires_only_after_its_delay_and_always_fires_eventually()
    {
        // Node 0 arms a timer of 5 ticks and keeps itself busy with 20 pings; the timer may not fire
        // before step 6 (armed at time 0, one tick per step) and must fire before the world goes quiet.
        Scenario Busy() => new()
        {
            NodeCount = 1,
            CreateNode = _ => new LambdaNode
            {
                Start = ctx => { ctx.SetTimer("t", 5); ctx.Send(0, new Ping(20)); },
                Message = (ctx, _, m) => { if (m is Ping { Left: > 0 } p) ctx.Send(0, new Ping(p.Left - 1)); },
                Timer = (ctx, name) => ctx.Notify(name),
            },
            CreateMonitors = () =>
            [
                new LambdaMonitor("TimerFires", (self, e, world) =>
                {
                    if (world.Step == 0 && !self.IsHot) self.SetHot("the timer has not fired");
                    if (e is not Observed { Observation: "t" }) return;
                    self.Check(world.Step >= 6, $"the 5-tick timer fired at step {world.Step}");
                    self.SetCold();
                }),
            ],
        };
        var report = Explore.AssertNoBug("Timers", Busy, new TestConfiguration { Strategy = "dfs", Iterations = 1_000, ReportDirectory = Reports });
        Assert.True(report.Dfs!.Exhausted);
        Explore.AssertNoBug("Timers", Busy, new TestConfiguration { Iterations = 200, ReportDirectory = Reports });
    }

    [Fact]
    public void Re_arming_replaces_a_timer_and_cancel_removes_it()
    {
        var fired = new List<string>();
        Scenario Timers() => new()
        {
            NodeCount = 1,
            CreateNode = _ => new LambdaNode
            {
                Start = ctx =>
                {
                    ctx.SetTimer("a", 1);
                    ctx.SetTimer("a", 3);
                    ctx.SetTimer("b", 2);
                    Assert.True(ctx.IsTimerSet("b"));
                    ctx.CancelTimer("b");
                    Assert.False(ctx.IsTimerSet("b"));
                },
                Timer = (_, name) => fired.Add(name),
            },
        };
        var report = Explore.AssertNoBug("Timers", Timers, new TestConfiguration { Iterations = 1, DeterminismCheck = false });
        Assert.Equal(["a"], fired);
        Assert.Equal(1, report.Steps);
    }

    private sealed class Counter(bool restoreFromDurable) : INode
    {
        public int Value { get; private set; }
        public void OnStart(INodeContext ctx) { }
        public void OnRestart(INodeContext ctx, object? durableState) => Value = restoreFromDurable ? (int)(durableState ?? 0) : 0;
        public void OnMessage(INodeContext ctx, int from, object message) { }
        public void OnTimer(INodeContext ctx, string timer) { }

        public void OnClientRequest(INodeContext ctx, ClientRequest request)
        {
            Value++;
            ctx.Persist(Value);
            ctx.Reply(request, Value);
        }
    }

    private static Scenario CrashingCounter(bool restore) => new()
    {
        NodeCount = 1,
        CreateNode = _ => new Counter(restore),
        Workload = [new ClientRequest(1, 0, "inc"), new ClientRequest(2, 0, "inc"), new ClientRequest(3, 0, "inc")],
        Faults = new FaultModel { MaxCrashes = 2, CrashRecovery = true },
        CreateMonitors = () =>
        [
            new LambdaMonitor("DurableCounter", (self, e, world) =>
            {
                if (e is not StepCompleted || !world.IsUp(0)) return;
                var value = ((Counter)world.Node(0)!).Value;
                self.Check(value == (int)(world.Durable(0) ?? 0), $"the counter restarted at {value} but {world.Durable(0)} was persisted");
            }),
        ],
    };

    [Fact]
    public void Durable_state_survives_crashes_and_feeds_the_restart()
    {
        var report = Explore.AssertNoBug("Counter", () => CrashingCounter(restore: true), new TestConfiguration { Strategy = "dfs", Iterations = 10_000 });
        Assert.True(report.Dfs!.Exhausted);
        var bug = Explore.AssertFindsBug("Counter", () => CrashingCounter(restore: false), new TestConfiguration { Iterations = 200, ReportDirectory = Reports }, "DurableCounter");
        Assert.Contains("Crash(n1)", bug.Trace);
        Assert.Contains("Restart(n1)", bug.Trace);
    }

    private sealed record Hello(int From);

    [Fact]
    public void A_crashed_node_loses_its_messages_and_stays_down_under_crash_stop()
    {
        Scenario CrashStop() => new()
        {
            NodeCount = 2,
            CreateNode = id => new LambdaNode
            {
                Start = ctx => { if (id == 0) { ctx.Send(1, new Hello(0)); ctx.SetTimer("again", 2); } },
                Timer = (ctx, _) => ctx.Send(1, new Hello(0)),
                Message = (ctx, from, m) => ctx.Deliver(m),
            },
            Faults = new FaultModel { MaxCrashes = 1, CrashableNodes = new HashSet<int> { 1 } },
            CreateMonitors = () =>
            [
                new LambdaMonitor("CrashStop", (self, e, world) =>
                {
                    self.Check(e is not Delivered || !world.HasCrashed(1), "a crashed node received a message");
                    if (e is StepCompleted && world.HasCrashed(1))
                    {
                        self.Check(!world.IsUp(1) && world.Node(1) is null, "a crash-stop node came back");
                        self.Check(world.InFlight.All(m => m.To != 1), "messages to a crashed node stay in flight");
                    }
                    self.Check(world.IsUp(0) && !world.HasCrashed(0), "node 0 is not crashable");
                }),
            ],
        };
        var report = Explore.AssertNoBug("CrashStop", CrashStop, new TestConfiguration { Strategy = "dfs", Iterations = 10_000 });
        Assert.True(report.Dfs!.Exhausted);
    }

    [Fact]
    public void A_partition_holds_messages_across_the_cut_until_it_heals_in_the_heal_phase()
    {
        const int healAfter = 4;
        Scenario Partitioned() => new()
        {
            NodeCount = 3,
            CreateNode = id => new LambdaNode
            {
                Start = ctx => { for (var peer = 0; peer < 3; peer++) if (peer != id) ctx.Send(peer, new Hello(id)); },
                Message = (ctx, from, m) => ctx.Notify((from, ctx.Self)),
            },
            Faults = new FaultModel { MaxPartitions = 1, FaultsUntilStep = healAfter },
            CreateMonitors = () =>
            {
                HashSet<int>? sideA = null;
                return
                [
                    new LambdaMonitor("Cut", (self, e, world) =>
                    {
                        switch (e)
                        {
                            case StepCompleted { Label: var label } when label.StartsWith("Partition(", StringComparison.Ordinal):
                                sideA = label["Partition({".Length..label.IndexOf('}')].Split(',').Select(n => int.Parse(n[1..]) - 1).ToHashSet(); // labels name node i as n{i+1}
                                break;
                            case StepCompleted { Label: "Heal" }:
                                sideA = null;
                                break;
                            case Observed { Observation: (int from, int to) } when sideA is not null:
                                self.Check(sideA.Contains(from) == sideA.Contains(to), $"n{from} reached n{to} across the partition");
                                break;
                            case StepCompleted { Step: var step } when step > healAfter:
                                self.Check(sideA is null, $"the partition outlived the heal phase (step {step})");
                                break;
                        }
                    }),
                ];
            },
        };
        var report = Explore.AssertNoBug("Partition", Partitioned, new TestConfiguration { Strategy = "dfs", Iterations = 50_000 });
        Assert.True(report.Dfs!.Exhausted);
        Assert.True(report.Dfs.PrunedRuns > 0 || report.Dfs.Schedules > 1);
    }

    [Fact]
    public void Choose_is_a_decision_that_exhaustive_search_enumerates_and_replay_repeats()
    {
        var seen = new HashSet<int>();
        Scenario Chooser() => new()
        {
            NodeCount = 1,
            CreateNode = _ => new LambdaNode { Start = ctx => ctx.SetTimer("pick"), Timer = (ctx, _) => { var v = ctx.Choose(3); seen.Add(v); ctx.Notify(v); } },
            CreateMonitors = () => [new LambdaMonitor("NotTwo", (self, e, _) => self.Check(e is not Observed { Observation: 2 }, "chose 2"))],
        };
        var bug = Explore.AssertFindsBug("Chooser", Chooser, new TestConfiguration { Strategy = "dfs", Iterations = 10, ReportDirectory = Reports }, "NotTwo");
        Assert.Equal([0, 1, 2], seen.Order());
        Assert.Contains("int(2)", File.ReadAllLines(bug.ScheduleFile!));
        var replay = TestingEngine.Replay("Chooser", Chooser, bug.ScheduleFile!);
        Assert.Equal("NotTwo", replay.Bug!.Detector);
    }

    [Fact]
    public void An_exception_in_a_node_is_a_bug_that_names_the_node()
    {
        Scenario Throwing() => new()
        {
            NodeCount = 2,
            CreateNode = id => new LambdaNode
            {
                Start = ctx => { if (id == 0) ctx.Send(1, new Hello(0)); },
                Message = (_, _, _) => throw new InvalidOperationException("unexpected hello"),
            },
        };
        var bug = Explore.AssertFindsBug("Throwing", Throwing, new TestConfiguration { Iterations = 5, ReportDirectory = Reports }, "exception");
        Assert.Equal("node n2 threw InvalidOperationException: unexpected hello", bug.Message); // node 1 is n2, as the trace names it
        Assert.Equal(["Deliver(n1->n2, Hello { From = 0 })"], bug.Trace);
    }

    [Fact]
    public void An_unanswered_request_in_a_quiet_system_is_a_deadlock_when_replies_are_expected()
    {
        Scenario Silent(bool replies) => new()
        {
            NodeCount = 1,
            CreateNode = _ => new LambdaNode { Request = (ctx, request) => { if (replies) ctx.Reply(request, "ok"); } },
            Workload = [new ClientRequest(7, 0, "get")],
            RepliesExpected = true,
        };
        var bug = Explore.AssertFindsBug("Silent", () => Silent(false), new TestConfiguration { Iterations = 5, ReportDirectory = Reports }, "deadlock");
        Assert.Contains("#7", bug.Message);
        Explore.AssertNoBug("Silent", () => Silent(true), new TestConfiguration { Iterations = 5 });
    }

    private static Scenario NeverSatisfied(int? faultsUntil) => new()
    {
        NodeCount = 1,
        CreateNode = _ => new LambdaNode { Start = ctx => ctx.SetTimer("tick", 1), Timer = (ctx, _) => ctx.SetTimer("tick", 1) },
        Faults = new FaultModel { FaultsUntilStep = faultsUntil },
        CreateMonitors = () => [new LambdaMonitor("Progress", (self, e, _) => { if (!self.IsHot) self.SetHot("waiting for a step that never comes"); })],
    };

    [Fact]
    public void Under_a_fair_schedule_a_monitor_hot_past_the_temperature_threshold_is_a_liveness_bug()
    {
        var config = new TestConfiguration { Strategy = "random", Iterations = 3, MaxSteps = 20, LivenessTemperatureThreshold = 50, ReportDirectory = Reports };
        var bug = Explore.AssertFindsBug("NeverSatisfied", () => NeverSatisfied(null), config, "liveness:Progress");
        Assert.Contains("stayed hot for more than 50 consecutive steps of a fair schedule (hot since step 0)", bug.Message);
        Assert.Equal(51, bug.FailingStep);

        // An unfair schedule that merely hits its step bound proves nothing about liveness ...
        Explore.AssertNoBug("NeverSatisfied", () => NeverSatisfied(null), config with { Strategy = "pct" });
        // ... unless the scenario has a heal phase, after which it promised to converge.
        var healed = Explore.AssertFindsBug("NeverSatisfied", () => NeverSatisfied(5), config with { Strategy = "pct" }, "liveness");
        Assert.Contains("the step bound was reached 15 steps into the heal phase", healed.Message);
        // A bound that ends the run before the heal phase begins judges nothing.
        Explore.AssertNoBug("NeverSatisfied", () => NeverSatisfied(100), config with { Strategy = "pct" });
    }

    [Fact]
    public void The_default_temperature_threshold_is_half_the_fair_bound()
    {
        var bug = Explore.AssertFindsBug("NeverSatisfied", () => NeverSatisfied(null),
            new TestConfiguration { Iterations = 1, MaxSteps = 30, ReportDirectory = Reports, Shrink = false }, "liveness:Progress");
        Assert.Equal(151, bug.FailingStep);
    }

    [Fact]
    public void Step_labels_come_from_the_node_when_it_names_its_action()
    {
        Scenario Labelled() => new()
        {
            NodeCount = 2,
            CreateNode = id => new LambdaNode
            {
                Start = ctx => { if (id == 0) ctx.Send(1, new Hello(0)); },
                Message = (ctx, from, _) => { ctx.Label("HandleHello", ctx.Self, from, 1.5); ctx.Notify("done"); },
            },
            Workload = [new ClientRequest(3, 0, "x")],
            CreateMonitors = () => [new LambdaMonitor("Stop", (self, e, _) => self.Check(e is not RunEnded, "end"))],
        };
        var bug = Explore.AssertFindsBug("Labelled", Labelled, new TestConfiguration { Strategy = "dfs", Iterations = 1, ReportDirectory = Reports, Shrink = false });
        Assert.Equal(["HandleHello(1, 0, 1.5)", "Request(n1, #3)"], bug.Trace);
    }
}
