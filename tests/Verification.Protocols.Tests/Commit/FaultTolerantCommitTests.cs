using Verification.Protocols.Commit.FaultTolerantCommit;
using Verification.Systematic.Engine;

namespace Verification.Protocols.Tests.Commit;

public class FaultTolerantCommitTests
{
    private static readonly FaultTolerantCommitSystem System = new();

    /// <summary>
    /// Unlike two-phase commit, no single crash blocks: whichever participant crashes, at whatever
    /// point, the others decide (the Termination monitor judges every run that goes quiet).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Whichever_participant_crashes_the_others_decide(int crashing)
    {
        var scenario = System.CreateScenario(null);
        var report = Explore.AssertNoBug(System.Name,
            () => scenario with { Faults = new FaultModel { MaxCrashes = 1, CrashableNodes = new HashSet<int> { crashing } } },
            CommitTestKit.Portfolio(100));
        Assert.Equal(0, report.LivenessUnjudgedRuns);
    }

    [Fact]
    public void A_vote_travels_as_a_broadcast_body_and_back()
    {
        var vote = new CommitVote(By: 0, Voter: 2, Ok: false);
        Assert.Equal("n1 n3 no", vote.ToBody());
        Assert.Equal(vote, CommitVote.FromBody(vote.ToBody()));
        Assert.Equal(new CommitVote(1, 1, true), CommitVote.FromBody("n2 n2 yes"));
        Assert.Contains("not a commit vote", Assert.Throws<ArgumentException>(() => CommitVote.FromBody("m1")).Message, StringComparison.Ordinal);
        Assert.Contains("not a node name", Assert.Throws<ArgumentException>(() => CommitVote.FromBody("x1 n2 yes")).Message, StringComparison.Ordinal);
    }
}
