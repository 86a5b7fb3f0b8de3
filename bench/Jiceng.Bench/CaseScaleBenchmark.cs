using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Jiceng.Bench;

/// <summary>
/// Reads at scale (issue 3): the county's statistics and a department's first page of open cases, with N cases
/// (default 1,000,000) spread over 大箐山县's 26 communities and villages in a realistic mix of states.
/// The cases are written straight into the SQLite file (this measures reads, not intake); the app answers
/// over HTTP as it ships.
/// </summary>
public static class CaseScaleBenchmark
{
    private static readonly string[] Categories = ["roads", "sanitation", "property", "noise", "water", "heating", "other", "livelihood-aid", "neighbour-dispute"];

    public static async Task<int> RunAsync(string appDll, string[] args)
    {
        var cases = IntArg(args, "--cases", 1_000_000);
        var requests = IntArg(args, "--requests", 100);
        // --work DIR keeps the database there and reuses it on the next run (the insert takes a while).
        var workArg = StringArg(args, "--work");
        var work = workArg is null ? Directory.CreateTempSubdirectory("jiceng-scale-") : Directory.CreateDirectory(workArg);
        var database = Path.Combine(work.FullName, "scale.db");
        var reuse = workArg is not null && File.Exists(database);
        try
        {
            // The deadline monitor would scan the inserted cases while we measure reads; this benchmark is about reads.
            var settings = new Dictionary<string, string> { ["Cases__DeadlineMonitorEnabled"] = "false" };
            if (reuse)
            {
                Console.WriteLine($"Reusing the cases in {database}");
            }
            else
            {
                // A first start creates the schema and the demo (divisions, departments, accounts).
                await (await AppProcess.StartAsync(appDll, work.FullName, database, settings)).DisposeAsync();
                var clock = Stopwatch.StartNew();
                var (open, ofDepartment) = Insert(database, cases);
                Console.WriteLine(Invariant($"Inserted {cases:N0} cases ({open:N0} open, {ofDepartment:N0} led by 住建局) in {clock.Elapsed.TotalSeconds:F1} s"));
                // Cases written straight into the database bypass the app, so its pre-aggregated figures are recounted
                // once, with the app's own command, as an operator would after a bulk load.
                clock.Restart();
                var rebuilt = await AppProcess.RunCommandAsync(appDll, work.FullName, database, "rebuild-case-tallies");
                Console.WriteLine(Invariant($"{rebuilt} (wall {clock.Elapsed.TotalSeconds:F1} s)"));
            }
            // Started after the bulk load, as in production: SQLite's planner statistics (PRAGMA optimize at start-up)
            // then describe the data being read.
            await using var app = await AppProcess.StartAsync(appDll, work.FullName, database, settings);
            var county = await app.LoginAsync("demo-county");
            var department = await app.LoginAsync("demo-dept");

            var street = await app.LoginAsync("demo-street");
            var statsTarget = cases >= 10_000_000 ? 100 : 50;
            var rows = new List<(string Name, Timing Timing, int? Target)>
            {
                ("county statistics, 11 months", await MeasureAsync(app.Http, county, "/api/v1/stats/cases?from=2026-01-01&to=2026-11-30", requests), statsTarget),
                ("county statistics, 400 days", await MeasureAsync(app.Http, county, "/api/v1/stats/cases?from=2025-10-17&to=2026-11-20", requests), statsTarget),
                ("street statistics, 11 months", await MeasureAsync(app.Http, street, "/api/v1/stats/cases?from=2026-01-01&to=2026-11-30", requests), statsTarget),
                ("住建局's statistics, 11 months", await MeasureAsync(app.Http, department, "/api/v1/stats/cases?from=2026-01-01&to=2026-11-30", requests), null),
                ("county ranking of departments, a month", await MeasureAsync(app.Http, county, "/api/v1/stats/cases/ranking?month=2026-10&by=department", requests), null),
                ("street ranking of communities, a month", await MeasureAsync(app.Http, street, "/api/v1/stats/cases/ranking?month=2026-10", requests), null),
                ("住建局's first page of open cases by due time", await MeasureAsync(app.Http, department, "/api/v1/cases?open=true&pageSize=50", requests), 20),
                ("street's first page of open cases by due time", await MeasureAsync(app.Http, street, "/api/v1/cases?open=true&pageSize=50", requests), null),
            };
            Console.WriteLine();
            Console.WriteLine("read (sequential requests)                           n   p50 ms   p95 ms   max ms   target");
            Console.WriteLine("-------------------------------------------------------------------------------------------");
            foreach (var (name, timing, target) in rows) Print(name, timing, target);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (workArg is null) work.Delete(recursive: true);
        }
    }

    private sealed record Timing(int Count, double P50, double P95, double Max);

    private static async Task<Timing> MeasureAsync(HttpClient http, string token, string url, int count)
    {
        var times = new List<double>();
        for (var i = 0; i < count + 3; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds); // the first three warm caches and JIT
        }
        var sorted = times.Order().ToArray();
        return new Timing(sorted.Length, sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], sorted[^1]);
    }

    private static void Print(string name, Timing t, int? targetMs) =>
        Console.WriteLine(Invariant($"{name,-50} {t.Count,5} {t.P50,8:F1} {t.P95,8:F1} {t.Max,8:F1}   ")
            + (targetMs is { } target ? Invariant($"p95 ≤ {target} ms: {(t.P95 <= target ? "met" : "NOT met")}") : "–"));

    /// <summary>Writes the cases in one transaction with a prepared statement; returns (open, led by 住建局).</summary>
    private static (int Open, int Department) Insert(string database, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database};Default Timeout=60");
        connection.Open();
        string Scalar(string sql) => (string)new SqliteCommand(sql, connection).ExecuteScalar()!;
        void Execute(string sql) => new SqliteCommand(sql, connection).ExecuteNonQuery();
        // A bulk load: the indexes of the two tables are dropped first and built again at the end (much faster than
        // keeping millions of index entries in order row by row); the journal is relaxed for the load only.
        var indexes = new List<string>();
        using (var reader = new SqliteCommand("""SELECT "name", "sql" FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Cases', 'CaseDepartment') AND sql IS NOT NULL""", connection).ExecuteReader())
        {
            while (reader.Read()) indexes.Add(reader.GetString(1));
        }
        foreach (var index in indexes) Execute("DROP INDEX \"" + index.Split('"')[1] + "\"");
        Execute("PRAGMA synchronous=OFF");
        var zjj = Scalar("""SELECT "Id" FROM "Departments" WHERE "ShortCode" = 'ZJJ'""");
        var others = new List<string>();
        using (var reader = new SqliteCommand("""SELECT "Id" FROM "Departments" WHERE "CountyCode" = '230725' AND "ShortCode" <> 'ZJJ'""", connection).ExecuteReader())
        {
            while (reader.Read()) others.Add(reader.GetString(0));
        }
        var places = new List<(string Code, string Path)>();
        using (var reader = new SqliteCommand("""SELECT "Code", "Path" FROM "Divisions" WHERE "Code" LIKE '230725%' AND "Level" = 'Village'""", connection).ExecuteReader())
        {
            while (reader.Read()) places.Add((reader.GetString(0), reader.GetString(1)));
        }
        var random = new Random(20261122);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var spanMinutes = (int)(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) - start).TotalMinutes;
        int open = 0, ofDepartment = 0;
        using var transaction = connection.BeginTransaction();
        using var insertCase = connection.CreateCommand();
        insertCase.Transaction = transaction;
        insertCase.CommandText = """
            INSERT INTO "Cases" ("Version","TrackingCode","CategoryCode","Priority","Description","Channel","DivisionCode","DivisionPath","Status","LocalHandling",
              "EscalationLevel","LeadDepartmentId","CreatedUtc","AcceptedUtc","DispatchedUtc","ClaimedUtc","ResolvedUtc","ClosedUtc","ResponseDueUtc","HandlingDueUtc",
              "HandlingAmount","HandlingUnit","ResponseAmount","ResponseUnit","ReturnCount","ReworkCount","ReopenCount","EscalationCount","Satisfaction","Solved","QueueTier","QueueDueUtc")
            VALUES (1,$t,$cat,'General',$d,'Portal',$dc,$dp,$s,$lh,$el,$lead,$cr,$ac,$di,$cl,$re,$clo,$rd,$hd,7,'WorkingDays',1,'WorkingDays',$ret,$rew,0,$esc,$sat,$sol,$qt,$qd);
            SELECT last_insert_rowid();
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$t", "$cat", "$d", "$dc", "$dp", "$s", "$lh", "$el", "$lead", "$cr", "$ac", "$di", "$cl", "$re", "$clo", "$rd", "$hd", "$ret", "$rew", "$esc", "$sat", "$sol", "$qt", "$qd" })
        {
            p[name] = insertCase.Parameters.Add(name, SqliteType.Text);
        }
        using var insertDepartment = connection.CreateCommand();
        insertDepartment.Transaction = transaction;
        insertDepartment.CommandText = """INSERT INTO "CaseDepartment" ("CaseId","DepartmentId","Role","QueueTier","QueueDueUtc") VALUES ($c,$dep,$role,$qt,$qd)""";
        var caseParameter = insertDepartment.Parameters.Add("$c", SqliteType.Integer);
        var departmentParameter = insertDepartment.Parameters.Add("$dep", SqliteType.Text);
        var roleParameter = insertDepartment.Parameters.Add("$role", SqliteType.Text);
        var tierParameter = insertDepartment.Parameters.Add("$qt", SqliteType.Integer);
        var dueParameter = insertDepartment.Parameters.Add("$qd", SqliteType.Text);
        static object At(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : DBNull.Value;

        for (var i = 0; i < count; i++)
        {
            var place = places[random.Next(places.Count)];
            var created = start.AddMinutes(random.Next(spanMinutes));
            var roll = random.NextDouble();
            // 85 % closed, 2 % rejected, the rest open at some stage; 40 % of all dispatched, a fifth of those to 住建局 and
            // the rest to the county's other departments; a tenth of the dispatched ones with an assisting department.
            var dispatched = random.NextDouble() < 0.4;
            var lead = dispatched && random.NextDouble() < 0.2;
            var leadId = !dispatched ? null : lead ? zjj : others[random.Next(others.Count)];
            var assistingId = dispatched && random.NextDouble() < 0.1 ? (lead ? others[random.Next(others.Count)] : random.NextDouble() < 0.2 ? zjj : null) : null;
            var status = roll < 0.85 ? "Closed" : roll < 0.87 ? "Rejected" : roll < 0.90 ? "Dispatched" : roll < 0.97 ? "InProgress" : "Resolved";
            if (status is "Dispatched" && !dispatched) status = "Accepted";
            var isOpen = status is not ("Closed" or "Rejected");
            if (isOpen) open++;
            if (lead) ofDepartment++;
            var accepted = status == "Rejected" ? (DateTime?)null : created.AddMinutes(30);
            p["$t"].Value = "S" + i.ToString("D9", CultureInfo.InvariantCulture);
            p["$cat"].Value = Categories[random.Next(Categories.Length)];
            p["$d"].Value = "楼道灯不亮，夜间出行不便";
            p["$dc"].Value = place.Code;
            p["$dp"].Value = place.Path;
            p["$s"].Value = status;
            p["$lh"].Value = dispatched || accepted is null ? DBNull.Value : random.NextDouble() < 0.6 ? "Grid" : "Community";
            p["$el"].Value = dispatched ? "Street" : "Community";
            p["$lead"].Value = (object?)leadId ?? DBNull.Value;
            p["$cr"].Value = At(created);
            p["$ac"].Value = At(accepted);
            p["$di"].Value = At(dispatched ? created.AddHours(2) : null);
            p["$cl"].Value = At(dispatched && status != "Dispatched" ? created.AddHours(2 + random.Next(48)) : null);
            p["$re"].Value = At(status is "Closed" or "Resolved" ? created.AddDays(1 + random.Next(10)) : null);
            p["$clo"].Value = At(status is "Closed" or "Rejected" ? created.AddDays(2 + random.Next(12)) : null);
            p["$rd"].Value = At(dispatched ? created.AddDays(1) : null);
            p["$hd"].Value = At(accepted?.AddDays(9));
            p["$ret"].Value = random.NextDouble() < 0.03 ? 1 : 0;
            p["$rew"].Value = random.NextDouble() < 0.04 ? 1 : 0;
            p["$esc"].Value = dispatched ? 1 : 0;
            var rated = status == "Closed";
            p["$sat"].Value = rated ? (random.NextDouble() switch { < 0.8 => "Satisfied", < 0.95 => "Basic", _ => "Unsatisfied" }) : DBNull.Value;
            p["$sol"].Value = rated ? (random.NextDouble() < 0.93 ? 1 : 0) : DBNull.Value;
            // The queue keys the app keeps on every change (Case.RefreshQueueKeys): finished, else open (none supervised here).
            p["$qt"].Value = isOpen ? 1 : 2;
            p["$qd"].Value = accepted is { } a ? At(a.AddDays(9)) : "9999-12-31 00:00:00";
            var id = (long)insertCase.ExecuteScalar()!;
            if (leadId is not null)
            {
                caseParameter.Value = id;
                tierParameter.Value = p["$qt"].Value;
                dueParameter.Value = p["$qd"].Value;
                departmentParameter.Value = leadId;
                roleParameter.Value = "Lead";
                insertDepartment.ExecuteNonQuery();
                if (assistingId is not null && assistingId != leadId)
                {
                    departmentParameter.Value = assistingId;
                    roleParameter.Value = "Assisting";
                    insertDepartment.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
        foreach (var index in indexes) Execute(index);
        Execute("PRAGMA synchronous=FULL");
        return (open, ofDepartment);
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The app as its own process on a free loopback port, on a SQLite file, with the demo accounts.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, HttpClient http) { _process = process; Http = http; }

    public HttpClient Http { get; }

    /// <param name="extra">More environment, e.g. a background job switched off for a read benchmark.</param>
    public static async Task<AppProcess> StartAsync(string appDll, string workFolder, string database, IReadOnlyDictionary<string, string>? extra = null)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = StartInfo(appDll, workFolder, database, extra, "--urls", baseUrl);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > until || process.HasExited) throw new TimeoutException("The app did not become ready within 90 s.");
            await Task.Delay(250);
        }
        return new AppProcess(process, http);
    }

    private static ProcessStartInfo StartInfo(string appDll, string workFolder, string database, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [appDll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Demo__Enabled"] = "true",
                ["ConnectionStrings__Jiceng"] = $"Data Source={database}",
                ["PersonalData__KeyFile"] = Path.Combine(workFolder, "keys.json"),
                ["Files__Root"] = Path.Combine(workFolder, "files"),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    /// <summary>Runs one of the app's commands (e.g. rebuild-case-tallies) on the same database; returns its output.</summary>
    public static async Task<string> RunCommandAsync(string appDll, string workFolder, string database, params string[] args)
    {
        using var process = Process.Start(StartInfo(appDll, workFolder, database, null, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return (await output).Trim();
    }

    public async Task<string> LoginAsync(string user)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password = "Jiceng#2026demo" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
