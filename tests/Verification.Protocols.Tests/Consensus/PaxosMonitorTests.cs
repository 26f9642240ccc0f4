using Verification.Protocols.Consensus.Paxos;
using Verification.Systematic.Monitors;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Tests.Consensus;

public class PaxosMonitorTests
{
    private sealed class ThreeNodes : IWorldView
    {
        public int NodeCount => 3;
        public long Step => 0;
        public bool IsUp(int node) => true;
        public bool HasCrashed(int node) => false;
        public INode? Node(int node) => null;
        public object? Durable(int node) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    private static readonly ThreeNodes World = new();

    private static void Vote(SpecMonitor monitor, int acc, int bal, string val) =>
        monitor.OnEvent(new Observed(acc, new PaxosVote(acc, bal, val)), World);

    [Fact]
    public void Eventually_chosen_is_hot_from_the_first_proposal_until_a_quorum_votes_in_one_ballot()
    {
        var monitor = new PaxosEventuallyChosenMonitor();
        Assert.False(monitor.IsHot);
        monitor.OnEvent(new RequestIssued(new ClientRequest(0, 0, "v1")), World);
        Assert.True(monitor.IsHot);
        Vote(monitor, 0, 0, "v1");
        Vote(monitor, 1, 3, "v1");
        Assert.True(monitor.IsHot); // two votes, but in different ballots: nothing is chosen
        Vote(monitor, 2, 3, "v1");
        Assert.False(monitor.IsHot);
        monitor.OnEvent(new RequestIssued(new ClientRequest(1, 1, "v2")), World);
        Assert.False(monitor.IsHot);
    }

    [Fact]
    public void Agreement_accepts_the_same_value_chosen_twice_and_rejects_a_second_value()
    {
        var monitor = new PaxosAgreementMonitor();
        Vote(monitor, 0, 0, "v1");
        Vote(monitor, 1, 0, "v1");
        Vote(monitor, 1, 4, "v1");
        Vote(monitor, 2, 4, "v1");
        Vote(monitor, 2, 5, "v2");
        var violation = Assert.Throws<MonitorViolation>(() => Vote(monitor, 0, 5, "v2"));
        Assert.Equal("two values chosen: v1 in ballot 0 by acceptors {n1, n2} and v2 in ballot 5 by acceptors {n1, n3}", violation.Violation);
    }

    [Fact]
    public void Integrity_rejects_a_second_delivery_at_one_learner()
    {
        var monitor = new PaxosIntegrityMonitor();
        monitor.OnEvent(new Delivered(1, "v1"), World);
        monitor.OnEvent(new Delivered(2, "v1"), World);
        Assert.Throws<MonitorViolation>(() => monitor.OnEvent(new Delivered(1, "v1"), World));
    }

    [Fact]
    public void Validity_rejects_a_value_no_client_proposed()
    {
        var monitor = new PaxosValidityMonitor();
        monitor.OnEvent(new RequestIssued(new ClientRequest(0, 0, "v1")), World);
        Vote(monitor, 0, 0, "v1");
        Assert.Throws<MonitorViolation>(() => Vote(monitor, 1, 0, "v9"));
    }
}
