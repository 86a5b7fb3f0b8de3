using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Jiceng.Bench;

/// <summary>
/// Case intake over HTTP against the app as it ships (auth, validation, audit, sessions, idempotency, outbox,
/// notifications) on SQLite: 32 concurrent clients for 30 s, after the same load on a trivial authenticated
/// endpoint in the same run, so the ratio says what intake itself costs. Loopback only; bounded in time.
/// </summary>
public static class IntakeBenchmark
{
        public static async Task<int> RunAsync(string appDll, string[] args)
    {
        var clients = IntArg(args, "--clients", 32);
        var seconds = IntArg(args, "--seconds", 30);
        var work = Directory.CreateTempSubdirectory("jiceng-intake-");
        try
        {
            await using var app = await AppProcess.StartAsync(appDll, work.FullName, Path.Combine(work.FullName, "intake.db"));
            var http = app.Http;
            var tokens = new List<string>();
            // Even clients are residents (any community), odd ones grid workers (only 团结社区, their own).
            for (var i = 0; i < clients; i++) tokens.Add(await app.LoginAsync(i % 2 == 0 ? "demo-resident" : "demo-grid"));
            Console.WriteLine($"App on {http.BaseAddress}; {clients} signed-in clients; {seconds} s per phase.");

            await Phase(http, tokens, 3, Me); // warm-up (JIT, pools)
            var trivial = await Phase(http, tokens, seconds, Me);
            await Phase(http, tokens, 3, Create);
            var intake = await Phase(http, tokens, seconds, Create);

            Console.WriteLine();
            Console.WriteLine("phase                          requests   errors   req/s    p50 ms   p95 ms   p99 ms");
            Console.WriteLine("------------------------------------------------------------------------------------");
            Print("GET /api/v1/auth/me (trivial)", trivial);
            Print("POST /api/v1/cases (intake)", intake);
            Console.WriteLine(Invariant($"intake / trivial throughput ratio: {intake.Rate / trivial.Rate:F2}"));
            Console.WriteLine(Invariant($"target: intake ≥ 1000 req/s and p99 ≤ 100 ms → {(intake.Rate >= 1000 && intake.P99 <= 100 ? "met" : "NOT met")}"));
            return trivial.Errors + intake.Errors == 0 ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Result(int Requests, int Errors, double Rate, double P50, double P95, double P99);

    private static Task<HttpResponseMessage> Me(HttpClient http, string token, int client, int n)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    private static readonly string[] Categories = ["roads", "sanitation", "property", "noise", "water", "heating", "other"];
    private static readonly string[] Communities = ["230725100001", "230725100002", "230725100003", "230725100004", "230725101008", "230725101009"];

    private static Task<HttpResponseMessage> Create(HttpClient http, string token, int client, int n)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new
            {
                categoryCode = Categories[n % Categories.Length],
                description = $"压测诉求 {n}：楼道灯不亮，夜间出行不便，请尽快维修。",
                divisionCode = client % 2 == 0 ? Communities[n % Communities.Length] : Communities[0],
                reporterPhone = n % 3 == 0 ? $"138{n % 100_000_000:D8}" : null,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return http.SendAsync(request);
    }

    /// <summary>Each client sends its next request when the last one answered (closed loop), until the time is up.</summary>
    private static async Task<Result> Phase(HttpClient http, List<string> tokens, int seconds, Func<HttpClient, string, int, int, Task<HttpResponseMessage>> send)
    {
        var latencies = new List<double>[tokens.Count];
        var errors = 0;
        var counter = 0;
        var deadline = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (deadline.Elapsed < limit)
            {
                var n = Interlocked.Increment(ref counter);
                var watch = Stopwatch.StartNew();
                using var response = await send(http, token, i, n);
                await response.Content.LoadIntoBufferAsync();
                mine.Add(watch.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref errors) <= 3)
                {
                    Console.Error.WriteLine($"error {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new Result(all.Length, errors, all.Length / deadline.Elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99));
    }

    private static void Print(string name, Result r) =>
        Console.WriteLine(Invariant($"{name,-30} {r.Requests,9} {r.Errors,8} {r.Rate,7:F0} {r.P50,9:F1} {r.P95,8:F1} {r.P99,8:F1}"));

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 && v <= 600 ? v : fallback;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
