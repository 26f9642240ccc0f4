using Verification.Host.Concurrency;
using Verification.Host.Wire;

namespace Verification.Host.Transport;

/// <summary>
/// Frames between node hosts of one process, through mailboxes: the seam's other side, for testing
/// the host itself (in-process clusters, and Coyote's scheduler in place of the thread pool). A node
/// host's life gets its own endpoint on the node's inbox; closing it (a crash, a stop) drops what
/// that life sends afterwards, while frames already in the inbox wait for the next life.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly Mailbox<Frame>[] _inboxes;

    public InMemoryNetwork(int nodes)
    {
        _inboxes = [.. Enumerable.Range(0, nodes).Select(_ => new Mailbox<Frame>())];
    }

    public ITransport Transport(int node) => new Endpoint(this, node);

    private sealed class Endpoint(InMemoryNetwork network, int node) : ITransport
    {
        private volatile bool _closed;

        public ValueTask<Frame?> ReceiveAsync(CancellationToken cancel) =>
            _closed ? ValueTask.FromResult<Frame?>(null) : network._inboxes[node].ReceiveAsync(cancel);

        public void Send(Frame frame)
        {
            if (!_closed) network._inboxes[frame.To].Post(frame);
        }

        public ValueTask DisposeAsync()
        {
            _closed = true;
            return ValueTask.CompletedTask;
        }
    }
}
