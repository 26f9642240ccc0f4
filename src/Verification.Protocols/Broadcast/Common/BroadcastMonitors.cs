using Verification.Systematic.Monitors;

namespace Verification.Protocols.Broadcast.Common;

/// <summary>
/// The property sets of the broadcast abstractions, as fresh monitors for one iteration.
/// <paramref name="participants"/>: see <see cref="BroadcastMonitor.Participants"/>.
/// </summary>
public static class BroadcastMonitors
{
    /// <summary>Best-effort broadcast: no creation, no duplication, validity at every correct node.</summary>
    public static IReadOnlyList<SpecMonitor> BestEffort(int? participants = null) =>
    [
        new NoCreationMonitor { Participants = participants },
        new NoDuplicationMonitor { Participants = participants },
        new ValidityMonitor(ValidityScope.EveryCorrectNode) { Participants = participants },
    ];

    /// <summary>Reliable broadcast: no creation, no duplication, validity at the sender, agreement among correct nodes.</summary>
    public static IReadOnlyList<SpecMonitor> Reliable(int? participants = null) =>
    [
        new NoCreationMonitor { Participants = participants },
        new NoDuplicationMonitor { Participants = participants },
        new ValidityMonitor(ValidityScope.Sender) { Participants = participants },
        new AgreementMonitor { Participants = participants },
    ];

    /// <summary>Uniform reliable broadcast: reliable broadcast with agreement extended to crashed nodes' deliveries.</summary>
    public static IReadOnlyList<SpecMonitor> UniformReliable(int? participants = null) =>
    [
        new NoCreationMonitor { Participants = participants },
        new NoDuplicationMonitor { Participants = participants },
        new ValidityMonitor(ValidityScope.Sender) { Participants = participants },
        new UniformAgreementMonitor { Participants = participants },
    ];

    /// <summary>FIFO reliable broadcast: reliable broadcast plus FIFO order.</summary>
    public static IReadOnlyList<SpecMonitor> FifoReliable(int? participants = null) =>
        [.. Reliable(participants), new FifoOrderMonitor { Participants = participants }];
}
