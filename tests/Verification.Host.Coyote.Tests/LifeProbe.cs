using Microsoft.Coyote.Specifications;
using Verification.Host.Storage;
using Verification.Host.Transport;
using Verification.Host.Wire;

namespace Verification.Host.Coyote.Tests;

/// <summary>
/// Watches one life of one node host through its two seams (its store and its transport) and
/// asserts, as Coyote assertions, what the host promises about the order of a step's effects:
/// - one step at a time: while a step's durable write is in flight, nothing else of that node is
///   written, logged or sent;
/// - nothing after shutdown: once the host closed its store (the end of RunAsync), its life is over;
/// - no lost acknowledgement (checked by the cluster at a restart): every frame a life sent belongs
///   to a step its store kept, so the restarted node has not forgotten what its peers saw.
/// A crashed life is dead: what its tasks still do is fenced off (the disk and the endpoint drop it),
/// and the probe ignores it.
/// </summary>
internal sealed class LifeProbe(string node, int index)
{
    private bool _writeInFlight;

    public bool Crashed { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>The highest own clock entry of a frame this life sent (0: none yet).</summary>
    public long LastSentEvent { get; private set; }

    public string Node => node;

    private int Index => index;

    public void Crash() => Crashed = true;

    private void Visible(string what)
    {
        if (Crashed) return;
        Specification.Assert(!Closed, $"{node} {what} after its host stopped");
        Specification.Assert(!_writeInFlight, $"{node} {what} while another of its steps waits for its durable write: two steps at once");
    }

    public INodeStore Watch(INodeStore store) => new WatchedStore(this, store);

    public ITransport Watch(ITransport transport) => new WatchedTransport(this, transport);

    private sealed class WatchedStore(LifeProbe probe, INodeStore inner) : INodeStore
    {
        public long[]? RecoveredClock => inner.RecoveredClock;

        public DurableRecord? ReadDurable() => inner.ReadDurable();

        public void DeleteDurable() => inner.DeleteDurable();

        public async ValueTask WriteDurableAsync(DurableRecord record)
        {
            probe.Visible("writes its durable state");
            probe._writeInFlight = true;
            await inner.WriteDurableAsync(record);
            probe._writeInFlight = false;
        }

        public void AppendLog(string line)
        {
            probe.Visible("logs a step");
            inner.AppendLog(line);
        }

        public void Dispose()
        {
            probe.Closed = true;
            inner.Dispose();
        }
    }

    private sealed class WatchedTransport(LifeProbe probe, ITransport inner) : ITransport
    {
        public async ValueTask<Frame?> ReceiveAsync(CancellationToken cancel) => await inner.ReceiveAsync(cancel);

        public void Send(Frame frame)
        {
            probe.Visible($"sends {frame.Message.GetType().Name} to n{frame.To + 1}");
            if (!probe.Crashed) probe.LastSentEvent = Math.Max(probe.LastSentEvent, frame.Clock[probe.Index]);
            inner.Send(frame);
        }

        public async ValueTask DisposeAsync() => await inner.DisposeAsync();
    }
}
