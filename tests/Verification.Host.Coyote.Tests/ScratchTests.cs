using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Verification.Host.Concurrency;

namespace Verification.Host.Coyote.Tests;

public sealed class ScratchTests
{
    private static string Run(Func<Task> test)
    {
        var configuration = Configuration.Create().WithTestingIterations(20).WithRandomGeneratorSeed(1).WithDeadlockTimeout(5000).WithPartiallyControlledConcurrencyAllowed(false);
        using var engine = TestingEngine.Create(configuration, test);
        engine.Run();
        return string.Join("\n", engine.TestReport.BugReports);
    }

    [Fact]
    public void A_mailbox() => Assert.Equal("", Run(async () =>
    {
        var box = new Mailbox<string>();
        var reader = Task.Run(async () => { var n = 0; while (await box.ReceiveAsync(default) is not null) n++; return n; });
        box.Post("a"); await Task.Yield(); box.Post("b"); box.Complete();
        Assert.Equal(2, await reader);
    }));

    [Fact]
    public void B_mailbox_cancel() => Assert.Equal("", Run(async () =>
    {
        var box = new Mailbox<string>();
        using var cts = new CancellationTokenSource();
        var reader = Task.Run(async () => await box.ReceiveAsync(cts.Token));
        await Task.Yield();
        cts.Cancel();
        Assert.Null(await reader);
    }));

    [Fact]
    public void C_linked_cancel() => Assert.Equal("", Run(async () =>
    {
        var box = new Mailbox<string>();
        using var outer = new CancellationTokenSource();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(outer.Token);
        var reader = Task.Run(async () => await box.ReceiveAsync(cts.Token));
        await Task.Yield();
        cts.Cancel();
        Assert.Null(await reader);
    }));

    [Fact]
    public void D_timer() => Assert.Equal("", Run(async () =>
    {
        var time = new ControlledTimeProvider();
        var box = new Mailbox<string>();
        using var t = time.CreateTimer(_ => box.Post("x"), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        Assert.Equal("x", await box.ReceiveAsync(default));
    }));
}
