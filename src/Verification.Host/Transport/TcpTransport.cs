using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Verification.Host.Wire;

namespace Verification.Host.Transport;

/// <summary>
/// Frames over loopback TCP: the node listens on 127.0.0.1 (an ephemeral port), and keeps one
/// outgoing connection per peer, opened on first use. A peer that cannot be reached (down, or
/// restarting) loses the frames queued for it, as the spec's network loses messages to a crashed node.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private const int QueueLimit = 4096;

    private readonly TcpListener _listener;
    private readonly Channel<Frame> _incoming = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, Channel<Frame>> _outgoing = [];
    private readonly List<Task> _tasks = [];
    private readonly List<TcpClient> _accepted = [];
    private readonly Lock _lock = new();
    private IReadOnlyList<int> _peerPorts = [];

    public TcpTransport()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _tasks.Add(Task.Run(AcceptLoop));
    }

    /// <summary>The port this node listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>Frames that could not be delivered to a peer (it was down, or the connection broke).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    private long _lost;

    public async ValueTask<Frame?> ReceiveAsync(CancellationToken cancel)
    {
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(cancel))
                if (_incoming.Reader.TryRead(out var frame)) return frame;
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    /// <summary>The listening ports of all nodes, indexed by node id.</summary>
    public void SetPeers(IReadOnlyList<int> ports)
    {
        lock (_lock) _peerPorts = ports;
    }

    public void Send(Frame frame)
    {
        Channel<Frame> queue;
        lock (_lock)
        {
            if (!_outgoing.TryGetValue(frame.To, out queue!))
            {
                queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
                _outgoing[frame.To] = queue;
                var to = frame.To;
                _tasks.Add(Task.Run(() => SendLoop(to, queue.Reader)));
            }
        }
        if (!queue.Writer.TryWrite(frame)) Interlocked.Increment(ref _lost);
    }

    private async Task SendLoop(int to, ChannelReader<Frame> queue)
    {
        var cancel = _stop.Token;
        TcpClient? client = null;
        NetworkStream? stream = null;
        try
        {
            while (await queue.WaitToReadAsync(cancel))
            {
                if (stream is null)
                {
                    int port;
                    lock (_lock) port = to < _peerPorts.Count ? _peerPorts[to] : 0;
                    try
                    {
                        if (port == 0) throw new SocketException((int)SocketError.HostUnreachable);
                        client = new TcpClient { NoDelay = true };
                        await client.ConnectAsync(IPAddress.Loopback, port, cancel);
                        stream = client.GetStream();
                    }
                    catch (SocketException)
                    {
                        client?.Dispose();
                        client = null;
                        // The peer is down: what was queued for it is lost; try again on the next frame.
                        while (queue.TryRead(out _)) Interlocked.Increment(ref _lost);
                        await Task.Delay(20, cancel);
                        continue;
                    }
                }
                if (!queue.TryRead(out var frame)) continue;
                try
                {
                    await stream.WriteAsync(frame.ToBytes(), cancel);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref _lost);
                    stream.Dispose();
                    client?.Dispose();
                    stream = null;
                    client = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stream?.Dispose();
            client?.Dispose();
        }
    }

    private async Task AcceptLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                lock (_lock)
                {
                    _accepted.Add(client);
                    _tasks.Add(Task.Run(() => ReceiveLoop(client)));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveLoop(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (await Frame.ReadAsync(stream, _stop.Token) is { } frame)
                await _incoming.Writer.WriteAsync(frame, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidDataException or System.Text.Json.JsonException)
        {
            // A peer that died mid-frame, or a connection closed at shutdown: the frame is lost.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] tasks;
        lock (_lock)
        {
            foreach (var client in _accepted) client.Dispose();
            tasks = [.. _tasks];
        }
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or SocketException or IOException)
        {
        }
        _incoming.Writer.TryComplete();
        _stop.Dispose();
    }
}
