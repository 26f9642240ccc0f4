namespace Verification.Host.Concurrency;

/// <summary>
/// An unbounded many-writers, one-reader queue built from a monitor and task completion sources
/// only. It does what an unbounded channel does for the node host, but every wait in it is a
/// task this assembly creates: when the assembly is rewritten by `coyote rewrite`, Coyote controls
/// those waits and can interleave the host's tasks (a channel's waits happen inside the framework,
/// where Coyote sees only an uncontrolled task).
/// </summary>
public sealed class Mailbox<T> where T : class
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private TaskCompletionSource<bool>? _waiting;
    private bool _completed;

    /// <summary>Queues an item; false once the mailbox is completed (the item is dropped).</summary>
    public bool Post(T item)
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_completed) return false;
            _items.Enqueue(item);
            wake = _waiting;
            _waiting = null;
        }
        wake?.TrySetResult(true);
        return true;
    }

    /// <summary>No more items: a waiting or later receive gets null once the queue is empty.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            _completed = true;
            wake = _waiting;
            _waiting = null;
        }
        wake?.TrySetResult(false);
    }

    /// <summary>The oldest item, waiting for one if the queue is empty; null once cancelled (even with items left: a stopped reader takes nothing more), or when completed and empty.</summary>
    public async ValueTask<T?> ReceiveAsync(CancellationToken cancel)
    {
        while (true)
        {
            TaskCompletionSource<bool> wait;
            lock (_gate)
            {
                if (cancel.IsCancellationRequested) return null;
                if (_items.TryDequeue(out var item)) return item;
                if (_completed) return null;
                // A wait that a cancellation completed is not reused: it would never block again.
                if (_waiting is null || _waiting.Task.IsCompleted) _waiting = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiting;
            }
            // Unregister, not Dispose: Dispose waits for a callback running on the cancelling thread, which
            // under Coyote may be paused inside that callback (completing the wait is a scheduling point).
            var registration = cancel.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), wait);
            try
            {
                await wait.Task;
            }
            finally
            {
                registration.Unregister();
            }
        }
    }
}
