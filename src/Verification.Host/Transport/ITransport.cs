using System.Threading.Channels;
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
    /// <summary>Frames delivered to this node, in arrival order.</summary>
    ChannelReader<Frame> Incoming { get; }

    /// <summary>Queues a frame to <see cref="Frame.To"/>; returns at once. Lost if the peer cannot be reached.</summary>
    void Send(Frame frame);
}
