using System.Threading.Channels;
using Verification.Host.Wire;

namespace Verification.Host.Transport;

/// <summary>
/// Frames between node hosts of one process, through channels: the seam's other side, for testing
/// the host itself (in-process clusters, and later a systematic scheduler in place of the thread pool).
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly Channel<Frame>[] _inboxes;

    public InMemoryNetwork(int nodes)
    {
        _inboxes = [.. Enumerable.Range(0, nodes).Select(_ => Channel.CreateUnbounded<Frame>())];
    }

    public ITransport Transport(int node) => new Endpoint(this, node);

    private sealed class Endpoint(InMemoryNetwork network, int node) : ITransport
    {
        public ChannelReader<Frame> Incoming => network._inboxes[node].Reader;

        public void Send(Frame frame) => network._inboxes[frame.To].Writer.TryWrite(frame);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
