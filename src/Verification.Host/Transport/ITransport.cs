using Verification.Host.Wire;

namespace Verification.Host.Transport;

/// <summary>
/// How a node's frames reach other nodes: best effort, like the network the specs model (a frame may
/// be lost, never corrupted or invented). The node host applies partitions and message loss itself,
/// above this seam, so an in-memory transport (for testing the host under a systematic scheduler)
/// gets the same faults.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>The next frame delivered to this node, in arrival order; null once the transport is closed or the wait is cancelled.</summary>
    ValueTask<Frame?> ReceiveAsync(CancellationToken cancel);

    /// <summary>Queues a frame to <see cref="Frame.To"/>; returns at once. Lost if the peer cannot be reached.</summary>
    void Send(Frame frame);
}
