namespace Verification.Host.Coyote.Tests;

/// <summary>
/// The node host's clock under Coyote: a timer is a task that yields once per millisecond of its
/// due time and then runs its callback. In this rewritten assembly each yield is one of Coyote's
/// scheduling points, so a timer fires after its own task took that many turns: Coyote decides what
/// runs in between (a handler, a durable write, a crash), and longer timers still tend to fire later
/// than shorter ones (Raft's election timeout after its heartbeat). Coyote's own Task.Delay would
/// ignore the duration (a random pause of at most ten steps).
/// </summary>
internal sealed class ControlledTimeProvider : TimeProvider
{
    private long _ticks;

    // The stats reports of the host read this; a counter keeps every run the same.
    public override long GetTimestamp() => Interlocked.Increment(ref _ticks);

    public override long TimestampFrequency => 1000;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan) throw new NotSupportedException("the node host arms one-shot timers only");
        return new ControlledTimer(callback, state, (int)Math.Max(1, dueTime.TotalMilliseconds));
    }

    private sealed class ControlledTimer : ITimer
    {
        private volatile bool _disposed;

        public ControlledTimer(TimerCallback callback, object? state, int turns)
        {
            _ = Task.Run(async () =>
            {
                for (var i = 0; i < turns && !_disposed; i++) await Task.Yield();
                if (!_disposed) callback(state);
            });
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException("the node host re-arms a timer by creating a new one");

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
