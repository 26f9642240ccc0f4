using PuppeteerSharp;

namespace Verification.Cli.Tests.Reports;

/// <summary>
/// The machine's own Chromium (Debian's package; .ci/run installs it), started headless with a fresh
/// profile and no background networking. Nothing here downloads a browser.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>VERIFY_CHROMIUM, else the first Chromium found in the usual places; null when there is none.</summary>
    public static string? ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("VERIFY_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Candidates.FirstOrDefault(File.Exists);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly IBrowser _browser;
    private readonly string _profile;

    private Browser(IBrowser browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    public static async Task<Browser> LaunchAsync()
    {
        var path = ExecutablePath ?? throw new InvalidOperationException("no Chromium executable");
        var profile = Path.Combine(Path.GetTempPath(), "verify-report-tests-" + Guid.NewGuid().ToString("N"));
        var options = new LaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Timeout = (int)Timeout.TotalMilliseconds,
            UserDataDir = profile,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        };
        var browser = await Puppeteer.LaunchAsync(options).WaitAsync(Timeout);
        return new Browser(browser, profile);
    }

    public async Task<IPage> OpenAsync(string file, List<string> errors)
    {
        var page = await _browser.NewPageAsync().WaitAsync(Timeout);
        page.DefaultTimeout = (int)Timeout.TotalMilliseconds;
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 900 });
        page.PageError += (_, e) => errors.Add("page error: " + e.Message);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == PuppeteerSharp.ConsoleType.Error) errors.Add("console error: " + e.Message.Text);
        };
        page.RequestFailed += (_, e) => errors.Add("request failed: " + e.Request.Url);
        await page.GoToAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri).WaitAsync(Timeout);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync().WaitAsync(Timeout);
        }
        finally
        {
            await _browser.DisposeAsync();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a file for a moment; the temp folder is cleaned later.
            }
        }
    }
}

/// <summary>A test that needs a browser: skipped, with the reason, only where no Chromium executable exists.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.ExecutablePath is null)
            Skip = "no Chromium found (looked at VERIFY_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome): install Debian's chromium (apt-get install -y chromium), as .ci/run does";
        Timeout = 180_000;
    }
}
