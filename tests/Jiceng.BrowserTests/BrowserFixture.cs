using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Jiceng.BrowserTests.BrowserFixture))]

namespace Jiceng.BrowserTests;

/// <summary>
/// One real Kestrel server (on a free 127.0.0.1 port, over a fresh demo SQLite file) and one headless
/// Debian Chromium, shared by every test of the assembly. Each test opens its own browser context, so
/// cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Jiceng#2026demo";

    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1366, Height = 900 } };

    public static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 360, Height = 740 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
    };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "jiceng-browser-" + Guid.NewGuid().ToString("N"));
    private JicengFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The server's services, for arranging what a browser cannot make (e.g. a case already past its deadline).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _factory = new JicengFactory($"Data Source={Path.Combine(_dataDirectory, "jiceng.db")}", Path.Combine(_dataDirectory, "files"));
        // Port 0: the OS picks a free port; Kestrel reports the one it bound.
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        // The browser is the system's Chromium: Playwright must never try to download its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run"],
        });
        SetDefaultExpectTimeout(10_000);
    }

    /// <summary>
    /// A fresh, isolated context (own cookies) whose relative URLs go to the test server. The browser says
    /// English on purpose: the app must still answer in Chinese until the language switch is pressed.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions layout, bool javaScript = true)
    {
        var options = new BrowserNewContextOptions(layout) { BaseURL = BaseUrl, JavaScriptEnabled = javaScript, Locale = "en-US" };
        var context = await _browser!.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Signs in through the real login form and waits for the full-page redirect away from it.</summary>
    public static async Task LoginAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        // Signed in once the redirect away from /account/ commits (the cookie is set by then). Waiting for the next page's
        // load event as well only adds a way to time out on a busy machine: callers wait for what they need next.
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Console pages are prerendered: they show before the Blazor circuit is attached, and a click made then is
    /// silently lost. When the circuit attaches, Blazor replaces the prerendered DOM with its own, which carries
    /// its <c>&lt;!--!--&gt;</c> component markers; prerendered HTML never has them. So their presence means
    /// the elements on the page now have live event handlers.
    /// </summary>
    /// <summary>
    /// Saves a full-page screenshot when JICENG_SCREENSHOTS names a folder, so a person can look at what
    /// the tests saw (e.g. when reviewing a UI change). Does nothing otherwise.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("JICENG_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public static async Task WaitForInteractiveAsync(IPage page) =>
        await page.WaitForFunctionAsync("""
            () => {
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
                while (walker.nextNode()) { if (walker.currentNode.data === '!') return true; }
                return false;
            }
            """);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        // Pooled connections keep the SQLite file open; release them so the temp folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>The app as production runs it, except for its database file, photo folder and demo data.</summary>
    private sealed class JicengFactory(string connectionString, string fileRoot) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development serves MudBlazor's static web assets from the package cache, as `dotnet run` does.
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Jiceng", connectionString);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Demo:Enabled", "true");
            // Uploaded photos go with the database into the temp folder, not into the source tree.
            builder.UseSetting("Files:Root", fileRoot);
        }
    }
}
