using Verification.Protocols.Modeling;
using Verification.Systematic.Runtime;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>Which nodes a broadcast by a correct node must eventually reach.</summary>
public enum ValidityScope
{
    /// <summary>Best-effort validity: every correct node delivers it.</summary>
    EveryCorrectNode,

    /// <summary>Reliable-broadcast validity: the (correct) sender delivers it itself.</summary>
    Sender,
}

/// <summary>
/// Validity (liveness): a message broadcast by a correct node is eventually delivered — by every
/// correct node (best-effort form, the default) or by its sender (reliable-broadcast form, which
/// together with Agreement gives the same guarantee). Hot while such a delivery is missing.
/// </summary>
public sealed class ValidityMonitor(ValidityScope scope = ValidityScope.EveryCorrectNode) : BroadcastMonitor
{
    public override string Name => "Validity";

    protected override void AfterStep(IWorldView world)
    {
        var participants = ParticipantCount(world);
        foreach (var broadcast in History.Broadcasts)
        {
            var sender = broadcast.Id.Sender;
            if (!IsCorrect(world, sender)) continue;
            for (var node = 0; node < participants; node++)
            {
                if (scope == ValidityScope.Sender && node != sender) continue;
                if (!IsCorrect(world, node) || History.HasDelivered(node, broadcast.Id)) continue;
                Hot($"{broadcast.Id}, broadcast by correct {SpecNames.Node(sender)}, is not delivered at correct {SpecNames.Node(node)}");
                return;
            }
        }
        Cold();
    }
}

/// <summary>
/// Agreement (liveness): if a correct node delivered m, every correct node eventually delivers m.
/// With <c>uniform: true</c> it is uniform agreement: if any node, correct or not, delivered m
/// (so a crashed node's deliveries count too), every correct node eventually delivers m.
/// </summary>
public class AgreementMonitor(bool uniform = false) : BroadcastMonitor
{
    public override string Name => uniform ? "UniformAgreement" : "Agreement";

    protected override void AfterStep(IWorldView world)
    {
        var participants = ParticipantCount(world);
        for (var witness = 0; witness < participants; witness++)
        {
            if (!uniform && !IsCorrect(world, witness)) continue;
            foreach (var id in History.DeliveredBy(witness))
            {
                for (var node = 0; node < participants; node++)
                {
                    if (!IsCorrect(world, node) || History.HasDelivered(node, id)) continue;
                    var who = IsCorrect(world, witness) ? "correct" : "crashed";
                    Hot($"{id} was delivered by {who} {SpecNames.Node(witness)} but not yet by correct {SpecNames.Node(node)}");
                    return;
                }
            }
        }
        Cold();
    }
}

/// <summary>Uniform agreement (liveness): if any node delivered m, every correct node eventually delivers m.</summary>
public sealed class UniformAgreementMonitor() : AgreementMonitor(uniform: true);
