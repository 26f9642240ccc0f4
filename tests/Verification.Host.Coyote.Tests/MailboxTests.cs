using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Verification.Host.Concurrency;

namespace Verification.Host.Coyote.Tests;

/// <summary>The host's mailbox under Coyote: every interleaving of writers, a reader and a cancellation ends, and nothing is lost.</summary>
public sealed class MailboxTests
{
    private static void AssertNoBug(Func<Task> test)
    {
        var configuration = Configuration.Create().WithTestingIterations(50).WithRandomGeneratorSeed(1).WithPartiallyControlledConcurrencyAllowed(false);
        using var engine = TestingEngine.Create(configuration, test);
        engine.Run();
        Assert.True(engine.TestReport.NumOfFoundBugs == 0, string.Join("\n", engine.TestReport.BugReports));
    }

    [Fact]
    public void Items_posted_by_two_writers_all_reach_the_reader() => AssertNoBug(async () =>
    {
        var mailbox = new Mailbox<string>();
        var reader = Task.Run(async () =>
        {
            var received = new List<string>();
            while (await mailbox.ReceiveAsync(default) is { } item) received.Add(item);
            return received;
        });
        var first = Task.Run(() => { mailbox.Post("a1"); mailbox.Post("a2"); });
        var second = Task.Run(() => mailbox.Post("b1"));
        await first;
        await second;
        mailbox.Complete();
        var all = await reader;
        Assert.Equal(["a1", "a2", "b1"], all.Order());
        Assert.True(all.IndexOf("a1") < all.IndexOf("a2"), "one writer's items arrive in order");
    });

    /// <summary>A cancellation completing the wait is a scheduling point inside the canceller's callback: the reader must not wait for that callback to return.</summary>
    [Fact]
    public void A_cancelled_receive_returns_null_without_waiting_for_the_canceller() => AssertNoBug(async () =>
    {
        var mailbox = new Mailbox<string>();
        using var cancel = new CancellationTokenSource();
        var reader = Task.Run(async () => await mailbox.ReceiveAsync(cancel.Token));
        await Task.Yield();
        cancel.Cancel();
        Assert.Null(await reader);
    });
}
