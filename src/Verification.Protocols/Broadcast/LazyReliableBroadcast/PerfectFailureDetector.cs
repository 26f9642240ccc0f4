using Verification.Protocols.Broadcast.Common;
using Verification.Protocols.Clocks;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.LazyReliableBroadcast;

/// <summary>
/// The scenario's perfect failure detector: an extra node that tells every monitored node, with a
/// <see cref="Crashed"/> message, which monitored nodes crashed — and never names a live one.
/// </summary>
/// <remarks>
/// A real detector needs timing assumptions; the explorer's world supplies the one this needs.
/// The detector pings the monitored nodes and arms a timer so long that it can only fire when the
/// world has nothing else to do (the world's clock then jumps to it). At that point every ping to
/// a live node has been answered — the network loses no message in the scenarios that use this
/// detector, and the world drops messages to a crashed node — so a node that did not answer has
/// crashed (strong accuracy). A node that crashes after answering misses the next round's ping,
/// so every crash is eventually reported (strong completeness). While the fault model can still
/// crash a node the world is never quiet, so detection starts once crashes are over; the detector
/// stops after <c>maxCrashes</c> reports, which lets the run end.
/// </remarks>
public sealed class PerfectFailureDetector(int monitored, int maxCrashes) : INode, IStateHash
{
    public const string RoundTimer = "round";

    // Farther away than any step bound: the timer fires only when the world is otherwise quiet.
    private const int UntilQuiet = 1 << 30;

    private readonly bool[] answered = new bool[monitored];
    private readonly bool[] reported = new bool[monitored];
    private int reportedCount;
    private int round;

    public void OnStart(INodeContext ctx) => StartRound(ctx);

    public void OnRestart(INodeContext ctx, object? durableState) =>
        throw new InvalidOperationException("the failure detector must not be crashable");

    public void OnClientRequest(INodeContext ctx, ClientRequest request) =>
        throw new InvalidOperationException("the failure detector takes no client requests");

    public void OnMessage(INodeContext ctx, int from, object message)
    {
        var pong = (Pong)message;
        ctx.Label("DetectorPong", SpecNames.Node(from), pong.Round);
        if (pong.Round == round) answered[from] = true;
    }

    public void OnTimer(INodeContext ctx, string timer)
    {
        var newlyCrashed = new List<int>();
        for (var node = 0; node < monitored; node++)
        {
            if (reported[node] || answered[node]) continue;
            reported[node] = true;
            reportedCount++;
            newlyCrashed.Add(node);
        }
        ctx.Label("DetectorRound", round, string.Join(" ", newlyCrashed.Select(SpecNames.Node)));
        foreach (var crashed in newlyCrashed)
            for (var node = 0; node < monitored; node++)
                if (!reported[node]) ctx.Send(node, new Crashed(crashed));
        if (reportedCount < maxCrashes) StartRound(ctx);
    }

    public ulong StateHash()
    {
        var hasher = new StateHasher();
        hasher.Add(round);
        for (var node = 0; node < monitored; node++)
        {
            hasher.Add(answered[node]);
            hasher.Add(reported[node]);
        }
        return hasher.Value;
    }

    private void StartRound(INodeContext ctx)
    {
        round++;
        Array.Clear(answered);
        for (var node = 0; node < monitored; node++)
            if (!reported[node]) ctx.Send(node, new Ping(round));
        ctx.SetTimer(RoundTimer, UntilQuiet);
    }
}
