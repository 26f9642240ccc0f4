using System.Runtime.ExceptionServices;

namespace Verification.Tla.Checking;

/// <summary>
/// Evaluation recurses as deeply as the spec's recursive definitions do, and TLC allows whatever
/// the JVM's stack allows: checking runs on threads with a large stack (reserved, and committed
/// only as it is used), so deep recursion works and a runaway one ends in an evaluation error
/// well before the process could overflow.
/// </summary>
public static class EvaluationStack
{
    /// <summary>The stack of every thread that evaluates a spec.</summary>
    public const int Size = 128 * 1024 * 1024;

    [ThreadStatic]
    private static bool _onEvaluationThread;

    /// <summary>Runs <paramref name="work"/> on a thread with <see cref="Size"/> of stack (this one when it is such a thread).</summary>
    public static T Run<T>(Func<T> work)
    {
        if (_onEvaluationThread) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            _onEvaluationThread = true;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, Size) { Name = "checker" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
