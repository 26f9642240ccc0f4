using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// The scenario's perfect failure detector: an extra node that tells every live monitored node,
/// with a <see cref="Crashed"/> message, which monitored nodes crashed — all of them (strong
/// completeness), and never a live one (strong accuracy).
/// </summary>
/// <remarks>
/// A real detector needs timing assumptions; the explorer's world supplies the one this needs. The
/// detector's timer is set so far ahead that it fires only when the world has nothing else to do
/// (the world's clock then jumps to it). A crash is an enabled event as long as the fault model
/// allows one, so at that first quiet moment no node can crash any more: the detector pings every
/// node and waits for the next quiet moment. By then every live node has answered — the scenarios
/// that use this detector lose no message, and the world drops messages to a crashed node — so
/// the nodes that did not answer are exactly the crashed ones, and the detector reports them.
/// Detection therefore happens after the rest of the run has settled, which is one of the
/// schedules the spec's DetectCrash allows.
/// </remarks>
public sealed class PerfectFailureDetector(int monitored) : INode, IStateHash
{
    public const string QuietTimer = "quiet";

    // Farther away than any step bound: the timer fires only when the world is otherwise quiet.
    private const int UntilQuiet = 1 << 30;

    private enum Phase
    {
        WaitingForTheEndOfCrashes,
        WaitingForAnswers,
        Reported,
    }

    private readonly bool[] answered = new bool[monitored];
    private Phase phase;

    public void OnStart(INodeContext ctx) => ctx.SetTimer(QuietTimer, UntilQuiet);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("the failure detector must not be crashable");

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("the failure detector takes no client requests");

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        _ = (Pong)message;
        ctx.Label("DetectorPong", LabelValue.OfNode(from));
        answered[from] = true;
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        if (phase == Phase.WaitingForTheEndOfCrashes)
        {
            ctx.Label("DetectorPing");
            phase = Phase.WaitingForAnswers;
            for (var node = 0; node < monitored; node++) ctx.Send(node, new Ping());
            ctx.SetTimer(QuietTimer, UntilQuiet);
            return;
        }
        var crashed = Enumerable.Range(0, monitored).Where(node => !answered[node]).ToArray();
        ctx.Label("DetectorReport", new LabelValue.Set([.. crashed.Select(LabelValue.OfNode)]));
        phase = Phase.Reported;
        foreach (var node in crashed)
            for (var live = 0; live < monitored; live++)
                if (answered[live]) ctx.Send(live, new Crashed(node));
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add((int)phase);
        foreach (var answer in answered) hasher.Add(answer);
        return hasher.Value;
    }
}
