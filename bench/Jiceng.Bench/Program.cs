// Division import benchmark. See docs/benchmarks.md.
//   dotnet build -c Release src/Jiceng.Web
//   dotnet run -c Release --project bench/Jiceng.Bench -- import [--rows 700000] [--postgres "CONNECTION"] [--keep]
// Exit codes: 0 all checks passed, 1 a check failed, 2 usage error or the app is not built.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Jiceng.Bench;

const int RenamedRows = 1_000;
const int BadRowFromEnd = 10;
const int Seed = 20_240_601;

// The HTTP benchmarks of issue 3 (see docs/benchmarks.md):
//   dotnet run -c Release --project bench/Jiceng.Bench -- intake [--clients 32] [--seconds 30]
//   dotnet run -c Release --project bench/Jiceng.Bench -- scale [--cases 1000000] [--requests 100]
// The residents import of issue 4:
//   dotnet run -c Release --project bench/Jiceng.Bench -- import-residents [--rows 10000]
if (args.FirstOrDefault() is "intake" or "scale" or "import-residents")
{
    var httpRoot = FindRepositoryRoot();
    var httpDll = httpRoot is null ? null : Path.Combine(httpRoot, "src", "Jiceng.Web", "bin", "Release", "net10.0", "Jiceng.Web.dll");
    if (httpDll is null || !File.Exists(httpDll))
    {
        Console.Error.WriteLine("The app is not built: run `dotnet build -c Release src/Jiceng.Web` first.");
        return 2;
    }
    if (StaleBuild(httpRoot!, httpDll) is { } newer)
    {
        // Measuring yesterday's build gives numbers for code that is no longer there.
        Console.Error.WriteLine($"The app's Release build is older than {newer}: run `dotnet build -c Release src/Jiceng.Web` first.");
        return 2;
    }
    PrintMachine(httpDll);
    return args[0] switch
    {
        "intake" => await IntakeBenchmark.RunAsync(httpDll, args[1..]),
        "import-residents" => await ResidentImportBenchmark.RunAsync(httpDll, args[1..]),
        _ => await CaseScaleBenchmark.RunAsync(httpDll, args[1..]),
    };
}

if (!TryParseArguments(args, out var rows, out var postgres, out var keep, out var usageError))
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine("usage: Jiceng.Bench import [--rows N] [--postgres \"CONNECTION STRING TO AN EMPTY DATABASE\"] [--keep]");
    return 2;
}

var root = FindRepositoryRoot();
var appDll = root is null ? null : Path.Combine(root, "src", "Jiceng.Web", "bin", "Release", "net10.0", "Jiceng.Web.dll");
if (appDll is null || !File.Exists(appDll))
{
    Console.Error.WriteLine(root is null
        ? "Cannot find Jiceng.slnx above the current directory; run the benchmark from inside the repository."
        : $"The app is not built: {appDll} is missing. Run `dotnet build -c Release src/Jiceng.Web` first.");
    return 2;
}

if (StaleBuild(root!, appDll) is { } stale)
{
    Console.Error.WriteLine($"The app's Release build is older than {stale}: run `dotnet build -c Release src/Jiceng.Web` first.");
    return 2;
}
PrintMachine(appDll);

var work = Directory.CreateTempSubdirectory("jiceng-bench-");
Console.WriteLine($"Work folder: {work.FullName}{(keep ? " (kept)" : " (deleted at the end; --keep keeps it)")}");
try
{
    var clock = Stopwatch.StartNew();
    var generated = DivisionFileGenerator.Write(Path.Combine(work.FullName, "divisions.csv"), rows, Seed);
    clock.Stop();
    Console.WriteLine(Invariant($"Generated {generated.Rows:N0} rows ({generated.Provinces} provinces, {generated.Cities} cities, {generated.Counties:N0} counties, ") +
        Invariant($"{generated.Townships:N0} townships, {generated.Villages:N0} villages): {generated.Bytes / 1024.0 / 1024:F1} MiB in {clock.Elapsed.TotalSeconds:F1} s"));

    var renamed = Path.Combine(work.FullName, "divisions-renamed.csv");
    var renamedCount = DivisionFileGenerator.WriteRenamedCopy(generated.Path, renamed, generated.Rows, RenamedRows);
    var bad = Path.Combine(work.FullName, "divisions-bad.csv");
    var (badLine, badParent) = DivisionFileGenerator.WriteBadCopy(renamed, bad, generated.Rows, BadRowFromEnd);
    var files = new ScenarioFiles(generated, renamed, renamedCount, bad, badLine, badParent);

    var allPassed = true;
    var sqliteFile = Path.Combine(work.FullName, "bench.db");
    allPassed &= await RunScenarioAsync(appDll, "SQLite " + sqliteFile, files, new Dictionary<string, string>
    {
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Jiceng"] = $"Data Source={sqliteFile}",
    });
    var sqliteBytes = new[] { "", "-wal" }.Select(s => new FileInfo(sqliteFile + s)).Where(f => f.Exists).Sum(f => f.Length);
    Console.WriteLine(Invariant($"SQLite database size: {sqliteBytes / 1024.0 / 1024:F1} MiB (file + WAL)"));

    if (postgres is not null)
    {
        allPassed &= await RunScenarioAsync(appDll, "PostgreSQL", files, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Jiceng"] = postgres,
        });
    }

    Console.WriteLine();
    Console.WriteLine(allPassed ? "All checks passed." : "SOME CHECKS FAILED (see above).");
    return allPassed ? 0 : 1;
}
finally
{
    if (!keep)
    {
        work.Delete(recursive: true);
    }
}

static async Task<bool> RunScenarioAsync(string appDll, string database, ScenarioFiles files, Dictionary<string, string> environment)
{
    Console.WriteLine();
    Console.WriteLine($"Running the import scenario on {database} ...");
    var runner = new ImportRunner(appDll, environment);
    var results = await ImportScenario.RunAsync(runner, files, r =>
    {
        Console.WriteLine(Invariant($"  {r.Name}: exit {r.Run.ExitCode}, {r.Run.Wall.TotalSeconds:F1} s {(r.Passed ? "ok" : "FAIL: " + r.Failure)}"));
        if (!r.Passed)
        {
            // Show what the tool said, so a failure can be diagnosed from the benchmark's output alone.
            foreach (var line in (r.Run.Stdout + r.Run.Stderr).Split('\n').TakeLast(15))
            {
                Console.WriteLine("      | " + line.TrimEnd());
            }
        }
    });
    ImportScenario.PrintTable(Console.Out, database, results);
    return results.All(r => r.Passed);
}

/// <summary>The folder holding Jiceng.slnx: searched upwards from the current directory, then from this program's own folder.</summary>
// A source file of the app newer than its Release build, or null when the build is current.
static string? StaleBuild(string root, string appDll)
{
    var built = File.GetLastWriteTimeUtc(appDll);
    var source = Path.Combine(root, "src", "Jiceng.Web");
    return Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}App_Data{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && Path.GetExtension(f) is ".cs" or ".razor" or ".json" or ".csproj")
        .FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built) is { } newer ? Path.GetRelativePath(root, newer) : null;
}

static string? FindRepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jiceng.slnx")))
            {
                return dir.FullName;
            }
        }
    }
    return null;
}

static void PrintMachine(string appDll)
{
    static string? ProcLine(string file, string key) =>
        File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;

    var memKb = ProcLine("/proc/meminfo", "MemTotal") is { } m ? long.Parse(m.Split(' ')[0], CultureInfo.InvariantCulture) : 0;
    Console.WriteLine("Machine");
    Console.WriteLine($"  CPU:     {Environment.ProcessorCount} logical cores ({ProcLine("/proc/cpuinfo", "model name") ?? "unknown model"})");
    Console.WriteLine(Invariant($"  Memory:  {(memKb > 0 ? $"{memKb / 1024.0 / 1024:F1} GiB" : "unknown")}"));
    Console.WriteLine($"  OS:      {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
    Console.WriteLine($"  .NET:    {RuntimeInformation.FrameworkDescription}");
    Console.WriteLine($"  App:     {appDll} (built {File.GetLastWriteTime(appDll):yyyy-MM-dd HH:mm})");
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static bool TryParseArguments(string[] args, out int rows, out string? postgres, out bool keep, out string error)
{
    rows = DivisionFileGenerator.NationalRows;
    postgres = null;
    keep = false;
    error = "";
    if (args.Length == 0 || args[0] != "import")
    {
        error = "the only command is `import`";
        return false;
    }
    for (var i = 1; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--rows" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rows)
                               && rows is >= DivisionFileGenerator.MinRows and <= DivisionFileGenerator.MaxRows:
                i++;
                break;
            case "--rows":
                error = $"--rows needs a number from {DivisionFileGenerator.MinRows} to {DivisionFileGenerator.MaxRows}";
                return false;
            case "--postgres" when !string.IsNullOrWhiteSpace(value):
                postgres = value;
                i++;
                break;
            case "--keep":
                keep = true;
                break;
            default:
                error = $"unknown or incomplete option: {args[i]}";
                return false;
        }
    }
    return true;
}
