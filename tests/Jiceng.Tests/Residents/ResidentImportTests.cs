using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using MiniExcelLibs;

namespace Jiceng.Tests.Residents;

public sealed class ResidentImportTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    private static Dictionary<string, object?> Row(string name, string idNumber, string? phone = null, string? grid = null, string? compound = null,
        string? building = null, object? unit = null, string? room = null, string? groups = null, string? relation = null, string? address = null,
        string? community = null) => new()
    {
        ["姓名"] = name, ["身份证号"] = idNumber, ["手机号"] = phone, ["社区代码"] = community, ["网格"] = grid, ["小区"] = compound, ["楼栋"] = building,
        ["单元"] = unit, ["门牌号"] = room, ["地址"] = address, ["与户主关系"] = relation, ["重点人群"] = groups, ["健康状况"] = null, ["救助情况"] = null,
    };

    [Fact]
    public async Task A_good_file_imports_every_row_with_households_buildings_and_key_groups()
    {
        var (_, gridName, _, _) = await _api.GridWithBuildingAsync();
        var family = "导入" + Guid.NewGuid().ToString("N")[..4];
        var newBuilding = Guid.NewGuid().ToString("N")[..4] + "号楼";
        var rows = new List<Dictionary<string, object?>>();
        // 12 people in 4 households of a building that is not registered yet (it is added to the grid), 2 by address only.
        for (var i = 0; i < 12; i++)
        {
            rows.Add(Row(family + i, ResidentsApi.NewIdNumber(), ResidentsApi.NewPhone(), gridName, "新苑小区", newBuilding, i % 2 + 1, $"{i % 2 + 1}0{i % 4 / 2 + 1}",
                i == 0 ? "独居老人，慢病" : i == 1 ? "低保" : null, i < 4 ? "户主" : "配偶"));
        }
        rows.Add(Row(family + "甲", ResidentsApi.NewIdNumber(), address: "团结街" + family + "号"));
        rows.Add(Row(family + "乙", ResidentsApi.NewIdNumber(), address: "团结街" + family + "号", relation: "子女"));

        var response = await _api.ImportAsync("demo-community-a", ResidentsApi.Workbook(rows), ResidentsApi.Tuanjie);
        var result = await response.ReadOkAsync<JsonElement>();

        Assert.Equal(14, result.GetProperty("imported").GetInt32());
        Assert.Equal(5, result.GetProperty("households").GetInt32());
        Assert.Equal(1, result.GetProperty("buildingsCreated").GetInt32());
        var listed = await _api.GetOkAsync("demo-community-a", "/api/v1/residents?pageSize=50&q=" + family);
        Assert.Equal(14, listed.GetProperty("total").GetInt32());
        var first = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == family + "0");
        Assert.Equal(["chronic", "elderly-alone"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("新苑小区" + newBuilding, first.GetProperty("buildingName").GetString());
        Assert.Equal(gridName, first.GetProperty("gridName").GetString());
        Assert.Contains("********", first.GetProperty("idNumber").GetString());
        var household = await _api.GetOkAsync("demo-community-a", $"/api/v1/households/{first.GetProperty("householdId").GetGuid()}");
        Assert.Equal(3, household.GetProperty("members").GetArrayLength());
        var byAddress = listed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("name").GetString()!.EndsWith('甲') || i.GetProperty("name").GetString()!.EndsWith('乙'))
            .Select(i => i.GetProperty("householdId").GetGuid()).Distinct();
        Assert.Single(byAddress);
        var tagged = await _api.GetOkAsync("demo-community-a", $"/api/v1/residents?q={family}&tag=低保");
        Assert.Equal(1, tagged.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bad_id_number_in_row_5_rejects_the_file_naming_the_row_and_imports_nothing()
    {
        var family = "坏行" + Guid.NewGuid().ToString("N")[..4];
        var rows = Enumerable.Range(0, 6).Select(i => Row(family + i, ResidentsApi.NewIdNumber(), ResidentsApi.NewPhone())).ToList();
        var wrong = rows[3]["身份证号"]!.ToString()!;
        rows[3]["身份证号"] = wrong[..17] + (wrong[17] == '1' ? '2' : '1'); // row 5 in Excel: the header is row 1

        var response = await _api.ImportAsync("demo-community-a", ResidentsApi.Workbook(rows), ResidentsApi.Tuanjie);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_failed");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("row").GetInt32());
        Assert.Equal("身份证号", error.GetProperty("column").GetString());
        Assert.Contains("校验位", error.GetProperty("reason").GetString());
        Assert.Equal(0, (await _api.GetOkAsync("demo-community-a", "/api/v1/residents?q=" + family)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Every_bad_row_is_reported_duplicates_in_the_file_and_in_the_database_included()
    {
        var family = "多错" + Guid.NewGuid().ToString("N")[..4];
        var registered = ResidentsApi.NewIdNumber();
        await _api.CreateAsync(user: "demo-community-b", division: ResidentsApi.Yuxi, idNumber: registered); // in another community
        var twice = ResidentsApi.NewIdNumber();
        var rows = new List<Dictionary<string, object?>>
        {
            Row(family + "0", twice),                                  // row 2
            Row(family + "1", twice),                                  // row 3: same ID as row 2
            Row(family + "2", registered),                             // row 4: already registered
            Row("", ResidentsApi.NewIdNumber()),                       // row 5: no name
            Row(family + "4", ResidentsApi.NewIdNumber(), phone: "1234"), // row 6: bad phone
            Row(family + "5", ResidentsApi.NewIdNumber(), groups: "富豪"),  // row 7: unknown key group
            Row(family + "6", ResidentsApi.NewIdNumber(), grid: "没有这个网格"), // row 8: unknown grid
            Row(family + "7", ResidentsApi.NewIdNumber(), community: ResidentsApi.Yuxi), // row 9: outside the caller's scope
            Row(family + "8", ResidentsApi.NewIdNumber(), unit: "第一"),    // row 10: unit not a number
        };

        var response = await _api.ImportAsync("demo-community-a", ResidentsApi.Workbook(rows), ResidentsApi.Tuanjie);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_failed");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "身份证号"), (4, "身份证号"), (5, "姓名"), (6, "手机号"), (7, "重点人群"), (8, "网格"), (9, "社区代码"), (10, "单元")], errors);
        Assert.Equal(0, (await _api.GetOkAsync("demo-county", "/api/v1/residents?q=" + family)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_template_has_the_chinese_headers_and_an_example_row_and_imports_as_filled_in()
    {
        var response = await _api.GetAsync("demo-community-a", "/api/v1/residents/template?division=" + ResidentsApi.Tuanjie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var template = await response.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(template))
        {
            var headers = stream.GetColumns(useHeaderRow: true)!.Select(h => h.ToString()).ToList();
            Assert.Equal(["姓名", "身份证号", "手机号", "社区代码", "网格", "小区", "楼栋", "单元", "门牌号", "地址", "与户主关系", "重点人群", "健康状况", "救助情况"], headers);
        }
        var example = Assert.Single(ResidentsApi.ReadWorkbook(template));
        Assert.StartsWith("示例", example["姓名"]!.ToString());

        // A user keeps the example row, adds one person below it (and a blank line), and imports the file.
        var name = ResidentsApi.NewName("模");
        var rows = new List<Dictionary<string, object?>>
        {
            example.ToDictionary(k => k.Key, k => k.Value is "第一网格" or "林苑小区" or "3号楼" or "302" ? null : k.Value),
            Row("", ""),
            Row(name, ResidentsApi.NewIdNumber(), groups: "高龄"),
        };
        rows[0]["单元"] = null;
        var result = await (await _api.ImportAsync("demo-community-a", ResidentsApi.Workbook(rows))).ReadOkAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("imported").GetInt32());
        Assert.Single(await _api.ListIdsAsync("demo-community-a", "q=" + name));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_misses_a_header_is_refused()
    {
        var garbage = await _api.ImportAsync("demo-community-a", "not a zip"u8.ToArray());
        await garbage.AssertProblemAsync(HttpStatusCode.BadRequest, "import_failed");
        var noId = ResidentsApi.Workbook([new() { ["姓名"] = "某人" }]);
        var problem = await (await _api.ImportAsync("demo-community-a", noId)).AssertProblemAsync(HttpStatusCode.BadRequest, "import_failed");
        Assert.Equal("身份证号", problem.GetProperty("errors")[0].GetProperty("column").GetString());
        var forbidden = await _api.ImportAsync("demo-dept", ResidentsApi.Workbook([Row("某人", ResidentsApi.NewIdNumber())]));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

public sealed class ResidentImportRowNumberTests(SharedApp app)
{
    private readonly ResidentsApi _api = new(app);

    [Fact]
    public async Task Row_numbers_are_the_sheets_even_after_a_row_that_is_missing_from_the_file()
    {
        var good = ResidentsApi.NewIdNumber();
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["姓名"] = ResidentsApi.NewName(), ["身份证号"] = good },
            new() { ["姓名"] = "空行", ["身份证号"] = "removed below" },
            new() { ["姓名"] = ResidentsApi.NewName(), ["身份证号"] = good[..17] + (good[17] == '1' ? '2' : '1') },
        };
        // Excel leaves a row it never touched out of the file: remove row 3 from the sheet's XML.
        var workbook = RemoveRow(ResidentsApi.Workbook(rows), 3);

        var problem = await (await _api.ImportAsync("demo-community-a", workbook)).AssertProblemAsync(System.Net.HttpStatusCode.BadRequest, "import_failed");

        Assert.Equal(4, Assert.Single(problem.GetProperty("errors").EnumerateArray()).GetProperty("row").GetInt32());
    }

    private static byte[] RemoveRow(byte[] workbook, int row)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("sheet1.xml", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var cut = System.Text.RegularExpressions.Regex.Replace(xml, $"<(\\w+:)?row r=\"{row}\"[^>]*>.*?</(\\w+:)?row>", "",
                System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.NotEqual(xml, cut);
            entry.Delete();
            var replaced = zip.CreateEntry(entry.FullName);
            using var writer = new StreamWriter(replaced.Open());
            writer.Write(cut);
        }
        return stream.ToArray();
    }
}
