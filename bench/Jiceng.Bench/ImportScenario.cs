using System.Globalization;

namespace Jiceng.Bench;

/// <summary>The files one scenario imports: the generated one, a copy with renamed rows and a copy the importer must reject.</summary>
public sealed record ScenarioFiles(GeneratedFile Base, string Renamed, int RenamedCount, string Bad, int BadLine, string BadParent);

/// <summary>One measured step and whether it did what it must.</summary>
public sealed record StepResult(string Name, ImportRun Run, string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// The import scenario, run against one empty database: a first import, an idempotent re-import, a re-import with
/// renamed rows, a rejected file, and a re-import proving the rejected file changed nothing.
/// </summary>
public static class ImportScenario
{
    public static async Task<List<StepResult>> RunAsync(ImportRunner runner, ScenarioFiles files, Action<StepResult> progress)
    {
        var rows = files.Base.Rows;
        var results = new List<StepResult>();

        async Task Step(string name, string file, Func<ImportRun, string?> check)
        {
            var run = await runner.RunAsync(file);
            var result = new StepResult(name, run, check(run));
            results.Add(result);
            progress(result);
        }

        await Step("1 first import", files.Base.Path, run => Expect(run, rows, inserted: rows, updated: 0));
        await Step("2 same file again", files.Base.Path, run => Expect(run, rows, inserted: 0, updated: 0));
        await Step($"3 {files.RenamedCount} names changed", files.Renamed, run => Expect(run, rows, inserted: 0, updated: files.RenamedCount));
        await Step("4 bad file (unknown parent)", files.Bad, run =>
        {
            var expected = $"line {files.BadLine}: unknown parent {files.BadParent}";
            return run.ExitCode != 1 ? $"exit code {run.ExitCode}, expected 1"
                : !run.Stderr.Contains(expected, StringComparison.Ordinal) ? $"stderr does not contain \"{expected}\""
                : null;
        });
        // The database now holds the renamed file; importing it again must find nothing to do,
        // which proves the rejected file wrote nothing.
        await Step("5 step 3 file again", files.Renamed, run => Expect(run, rows, inserted: 0, updated: 0));
        return results;
    }

    private static string? Expect(ImportRun run, int rows, int inserted, int updated)
    {
        if (run.ExitCode != 0)
        {
            return $"exit code {run.ExitCode}, expected 0";
        }
        if (run.Counts is not { } c)
        {
            return "no \"Imported ...\" line in the output";
        }
        return c.Rows == rows && c.Inserted == inserted && c.Updated == updated && c.Unchanged == rows - inserted - updated
            ? null
            : $"got {c.Rows} rows / {c.Inserted} inserted / {c.Updated} updated / {c.Unchanged} unchanged, " +
              $"expected {rows} / {inserted} / {updated} / {rows - inserted - updated}";
    }

    public static void PrintTable(TextWriter output, string database, IReadOnlyList<StepResult> results)
    {
        output.WriteLine();
        output.WriteLine($"Results: {database}");
        const string format = "{0,-28} {1,4} {2,9} {3,9} {4,8} {5,10} {6,8} {7,8} {8,9}  {9}";
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, format,
            "step", "exit", "rows", "inserted", "updated", "unchanged", "tool s", "wall s", "peak MiB", "check"));
        output.WriteLine(new string('-', 110));
        foreach (var r in results)
        {
            var c = r.Run.Counts;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, format,
                r.Name, r.Run.ExitCode,
                c?.Rows.ToString(CultureInfo.InvariantCulture) ?? "-",
                c?.Inserted.ToString(CultureInfo.InvariantCulture) ?? "-",
                c?.Updated.ToString(CultureInfo.InvariantCulture) ?? "-",
                c?.Unchanged.ToString(CultureInfo.InvariantCulture) ?? "-",
                c?.ToolSeconds.ToString("F1", CultureInfo.InvariantCulture) ?? "-",
                r.Run.Wall.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                r.Run.PeakBytes is { } peak ? (peak / 1024.0 / 1024).ToString("F0", CultureInfo.InvariantCulture) : "-",
                r.Passed ? "ok" : "FAIL: " + r.Failure));
        }
    }
}
