using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Jiceng.Bench;

/// <summary>The counts the import command prints on success.</summary>
public sealed record ImportCounts(int Rows, int Inserted, int Updated, int Unchanged, double ToolSeconds);

/// <summary>One run of the import command: its exit code, what it printed, how long it took and its peak memory.</summary>
public sealed record ImportRun(int ExitCode, TimeSpan Wall, ImportCounts? Counts, long? PeakBytes, string Stdout, string Stderr);

/// <summary>
/// Runs <c>dotnet Jiceng.Web.dll import-divisions FILE</c> as a child process, the way an operator would, so the
/// wall-clock time includes start-up and migration checks, not just the import loop the tool itself times.
/// </summary>
public sealed partial class ImportRunner(string appDll, IReadOnlyDictionary<string, string> environment)
{
    public async Task<ImportRun> RunAsync(string file)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The app reads appsettings.json from its working directory (the content root), so start it next to its dll.
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("import-divisions");
        start.ArgumentList.Add(file);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = WatchPeakMemoryAsync(process);
        await process.WaitForExitAsync();
        clock.Stop();

        var output = await stdout;
        var match = ImportedLine().Match(output);
        var counts = match.Success
            ? new ImportCounts(Int(match, 1), Int(match, 2), Int(match, 3), Int(match, 4),
                double.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture))
            : null;
        return new ImportRun(process.ExitCode, clock.Elapsed, counts, await peak, output, await stderr);
    }

    private static int Int(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // "Imported FILE: 700000 rows, 700000 inserted, 0 updated, 0 unchanged in 4.2 s."
    [GeneratedRegex(@": (\d+) rows, (\d+) inserted, (\d+) updated, (\d+) unchanged in ([\d.]+) s\.")]
    private static partial Regex ImportedLine();

    /// <summary>
    /// Polls the child's VmHWM (peak resident set) from /proc, because /usr/bin/time is not always installed.
    /// VmHWM only grows, so the last reading before exit is the peak (missing at most the final ~50 ms). Null off Linux.
    /// </summary>
    private static async Task<long?> WatchPeakMemoryAsync(Process process)
    {
        var status = $"/proc/{process.Id}/status";
        long? peak = null;
        while (!process.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        peak = Math.Max(peak ?? 0, kb * 1024);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                break; // gone (or not Linux)
            }
            await Task.Delay(50);
        }
        return peak;
    }

    /// <summary>The dotnet host: the one that launched us when run through it, else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
