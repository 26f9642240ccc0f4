using Verification.Protocols.Consensus.Raft;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Consensus;

public class RaftRefinementTests
{
    [Fact]
    public void Abstract_state_uses_the_spec_variables_and_reads_crashed_nodes_from_stable_storage()
    {
        var leader = new RaftNode(RaftOptions.ForCluster(2));
        var ctx = new RecordingContext(0, 2);
        leader.OnRestart(ctx, new RaftDurableState(1, 0, [new LogEntry(1, "m1")], 0));
        var world = new TwoNodeWorld(leader, new RaftDurableState(1, 0, [new LogEntry(1, "m1")], 1),
            [new Envelope(1, 0, 1, new VoteRequest(0, 2, 1, 1))]);

        var state = RaftRefinement.AbstractState(world);

        Assert.Equal(["currentTerm", "votedFor", "log", "commitLength", "currentRole", "currentLeader",
            "votesReceived", "sentLength", "ackedLength", "crashed", "msgs"], state.Keys);
        Assert.Equal("(n1 :> 1 @@ n2 :> 1)", ValuePrinter.Print(state["currentTerm"]));
        Assert.Equal("(n1 :> 0 @@ n2 :> 1)", ValuePrinter.Print(state["commitLength"]));
        Assert.Equal("(n1 :> <<[msg |-> m1, term |-> 1]>> @@ n2 :> <<[msg |-> m1, term |-> 1]>>)", ValuePrinter.Print(state["log"]));
        Assert.Equal("(n1 :> \"Follower\" @@ n2 :> \"Follower\")", ValuePrinter.Print(state["currentRole"]));
        Assert.Equal("(n1 :> Nil @@ n2 :> Nil)", ValuePrinter.Print(state["currentLeader"]));
        Assert.Equal("{n2}", ValuePrinter.Print(state["crashed"]));
        Assert.Contains("type |-> \"VoteRequest\"", ValuePrinter.Print(state["msgs"]));
    }

    private sealed class TwoNodeWorld(RaftNode up, RaftDurableState downState, IReadOnlyList<Envelope> inFlight) : IWorldView
    {
        public int NodeCount => 2;
        public long Step => 0;
        public bool IsUp(int node) => node == 0;
        public bool HasCrashed(int node) => node == 1;
        public INode? Node(int node) => node == 0 ? up : null;
        public object? Durable(int node) => node == 1 ? downState : null;
        public IReadOnlyList<Envelope> InFlight => inFlight;
    }
}
