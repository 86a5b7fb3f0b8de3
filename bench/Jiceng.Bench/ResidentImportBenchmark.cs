using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using MiniExcelLibs;

namespace Jiceng.Bench;

/// <summary>
/// Residents import over HTTP (issue 4: "10,000 rows import in seconds"): generates a valid .xlsx of N residents of
/// 团结社区 (households of three by address, every fifth person in a key group), starts the app on SQLite, uploads it as
/// 团结社区's staff and times the answer; then uploads the same file again (every row is now a duplicate, so the whole
/// file is checked and refused) and exports the community's list (masked .xlsx). Loopback only; bounded.
/// </summary>
public static class ResidentImportBenchmark
{
    private const string Community = "230725100001";
    private const double TargetSeconds = 10;
    private static readonly string[] Families = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"];
    private static readonly string[] Groups = ["独居老人", "高龄", "残疾人", "低保", "慢病"];

    public static async Task<int> RunAsync(string appDll, string[] args)
    {
        var rows = IntArg(args, "--rows", 10_000);
        var work = Directory.CreateTempSubdirectory("jiceng-residents-");
        try
        {
            var watch = Stopwatch.StartNew();
            var workbook = Generate(rows);
            Console.WriteLine(Invariant($"Generated {rows:N0} rows: {workbook.Length / 1024.0:F0} KiB in {watch.Elapsed.TotalSeconds:F1} s"));

            await using var app = await AppProcess.StartAsync(appDll, work.FullName, Path.Combine(work.FullName, "residents.db"));
            var token = await app.LoginAsync("demo-community-a");
            Console.WriteLine($"App on {app.Http.BaseAddress}; uploading as demo-community-a (团结社区).");

            var (first, firstBody, firstStatus) = await UploadAsync(app.Http, token, workbook);
            var imported = firstStatus == 200 ? JsonDocument.Parse(firstBody).RootElement.GetProperty("imported").GetInt32() : 0;
            var (again, againBody, againStatus) = await UploadAsync(app.Http, token, workbook);
            var refusedRows = againStatus == 400 ? JsonDocument.Parse(againBody).RootElement.GetProperty("errors").GetArrayLength() : 0;

            watch.Restart();
            using var export = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/residents/export?division={Community}");
            export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var exported = await app.Http.SendAsync(export);
            var exportBytes = (await exported.Content.ReadAsByteArrayAsync()).Length;
            var exportSeconds = watch.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine("step                                         status   seconds   rows/s");
            Console.WriteLine("-----------------------------------------------------------------------");
            Console.WriteLine(Invariant($"{"import (all rows new)",-44} {firstStatus,6} {first.TotalSeconds,9:F2} {rows / first.TotalSeconds,8:F0}"));
            Console.WriteLine(Invariant($"{"import again (every row a duplicate: refused)",-44} {againStatus,6} {again.TotalSeconds,9:F2} {rows / again.TotalSeconds,8:F0}"));
            Console.WriteLine(Invariant($"{"export the community's list (masked .xlsx)",-44} {(int)exported.StatusCode,6} {exportSeconds,9:F2}   ({exportBytes / 1024.0:F0} KiB)"));
            if (firstStatus != 200) Console.WriteLine("first import answered: " + firstBody[..Math.Min(600, firstBody.Length)]);
            var met = firstStatus == 200 && imported == rows && first.TotalSeconds <= TargetSeconds && againStatus == 400 && refusedRows > 0;
            Console.WriteLine(Invariant($"imported {imported:N0} of {rows:N0}; the repeat reported {refusedRows} bad rows (the report is capped) and imported nothing"));
            Console.WriteLine(Invariant($"target: {rows:N0} rows imported in ≤ {TargetSeconds} s → {(met ? "met" : "NOT met")}"));
            return met ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, string Body, int Status)> UploadAsync(HttpClient http, string token, byte[] workbook)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "residents.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residents/import?division={Community}") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (watch.Elapsed, body, (int)response.StatusCode);
    }

    /// <summary>N residents with valid, distinct ID numbers (GB 11643 check character) and phones; three per household.</summary>
    public static byte[] Generate(int rows)
    {
        var random = new Random(20_260_401);
        var sheet = new List<Dictionary<string, object?>>(rows);
        for (var i = 0; i < rows; i++)
        {
            var birth = new DateOnly(1930, 1, 1).AddDays(i % 30_000);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"230725{birth:yyyyMMdd}{i / 30_000 % 1000:D3}");
            var household = i / 3;
            sheet.Add(new Dictionary<string, object?>
            {
                ["姓名"] = Families[random.Next(Families.Length)] + Given[random.Next(Given.Length)] + Given[random.Next(Given.Length)],
                ["身份证号"] = first17 + CheckCharacter(first17),
                ["手机号"] = string.Create(CultureInfo.InvariantCulture, $"13{random.Next(3, 10)}{i:D8}"),
                ["社区代码"] = Community,
                ["地址"] = string.Create(CultureInfo.InvariantCulture, $"带岭镇团结街{household / 100 + 1}号院{household % 100 + 1}号"),
                ["与户主关系"] = i % 3 == 0 ? "户主" : i % 3 == 1 ? "配偶" : "子女",
                ["重点人群"] = i % 5 == 0 ? Groups[i / 5 % Groups.Length] : null,
                ["健康状况"] = i % 7 == 0 ? "高血压" : null,
                ["救助情况"] = i % 11 == 0 ? "低保户" : null,
            });
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    private static char CheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * weights[i];
        return "10X98765432"[sum % 11];
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v is > 0 and <= 50_000 ? v : fallback;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
