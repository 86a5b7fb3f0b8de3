using System.Globalization;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

/// <summary>A bad row of an import file: the row number as Excel shows it, the column's header, and why (中文 / English).</summary>
public sealed record ImportProblem(int Row, string? Column, string Reason);

public sealed record ResidentImportResult(int Imported, int Households, int BuildingsCreated);

/// <summary>Either the counts of a whole import or every bad row (and then nothing was imported).</summary>
public sealed record ResidentImportOutcome(ResidentImportResult? Result, IReadOnlyList<ImportProblem> Problems, Error? Error)
{
    public bool Succeeded => Result is not null;
}

/// <summary>
/// Residents and households from an .xlsx file (the template's Chinese headers). Every row is checked first; one bad
/// row rejects the whole file, naming every bad row with its Excel row number, and nothing is written. A good file
/// goes in as one transaction with multi-row inserts, so 10,000 rows take seconds. Households are found or made by
/// building + unit + room (or by the written address), grids and buildings by name inside the row's community; a
/// building that is not registered yet is added to the row's grid.
/// </summary>
public sealed class ResidentImport(AppDbContext db, CurrentUser user, TimeProvider time, AuditTrail audit, IServiceScopeFactory scopes)
{
    public const int MaxRows = 50_000;
    public const int MaxReportedProblems = 500;
    public const string ExamplePrefix = "示例";

    public const string Name = "姓名";
    public const string IdNumber = "身份证号";
    public const string Phone = "手机号";
    public const string Community = "社区代码";
    public const string Grid = "网格";
    public const string Compound = "小区";
    public const string BuildingColumn = "楼栋";
    public const string Unit = "单元";
    public const string Room = "门牌号";
    public const string Address = "地址";
    public const string Relation = "与户主关系";
    public const string Groups = "重点人群";
    public const string Health = "健康状况";
    public const string Welfare = "救助情况";

    public static readonly string[] Columns = [Name, IdNumber, Phone, Community, Grid, Compound, BuildingColumn, Unit, Room, Address, Relation, Groups, Health, Welfare];

    private static readonly char[] GroupSeparators = [',', '，', '、', ';', '；', ' ', '\u3000'];

    /// <summary>The template: the headers, one example row (ignored on import: its name starts with 示例) and a sheet of instructions.</summary>
    public static byte[] Template(string? communityCode)
    {
        var exampleId = "23072519800101003";
        exampleId += ChineseIdNumber.CheckCharacter(exampleId);
        var example = new Dictionary<string, object?>
        {
            [Name] = ExamplePrefix + "张三", [IdNumber] = exampleId, [Phone] = "13800000000", [Community] = communityCode ?? "",
            [Grid] = "第一网格", [Compound] = "林苑小区", [BuildingColumn] = "3号楼", [Unit] = 2, [Room] = "302", [Address] = "",
            [Relation] = "户主", [Groups] = "独居老人，慢病", [Health] = "高血压", [Welfare] = "",
        };
        var notes = new[]
        {
            "第一行是表头，请勿修改；从第二行起每行一人。以“示例”开头的姓名行不会导入，可直接删除。",
            "身份证号：18 位，最后一位可为 X；请把该列设为文本格式，否则 Excel 会把号码变成科学计数法。",
            "手机号：11 位手机号或“区号-号码”座机，可不填。",
            "社区代码：12 位区划代码；在某个社区的页面导入时可不填。",
            "网格、小区、楼栋：填写系统中的名称；楼栋尚未登记时，填写网格即可新建。单元填数字，门牌号如 302。",
            "同一楼栋、单元、门牌号的人归为一户；没有楼栋时按“地址”归户。",
            "重点人群：多个用逗号分隔，可选：" + string.Join("、", KeyGroups.All.Select(g => g.Name)) + "。",
            "任何一行有误时整个文件都不会导入，系统会列出每个错误行的行号和原因。",
        };
        var sheets = new Dictionary<string, object>
        {
            ["居民"] = new[] { example },
            ["说明"] = notes.Select(n => new Dictionary<string, object?> { ["说明"] = n }).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private sealed class Row
    {
        public int Number;
        public string Name = "";
        public string IdNumber = "";
        public string IdHash = "";
        public string? Phone;
        public ResidentDivision Community = null!;
        public Grid? Grid;
        public string? BuildingKey;
        public int? UnitNo;
        public string? Room;
        public string? Address;
        public string? Relation;
        public List<string> Tags = [];
        public string? Health;
        public string? Welfare;
    }

    public async Task<ResidentImportOutcome> ImportAsync(Stream file, string? divisionCode, CancellationToken ct = default)
    {
        var baseCode = ResidentPlaces.Blank(divisionCode) ?? user.OrganisationUnit;
        var baseDivision = baseCode is null ? null : await ResidentPlaces.DivisionAsync(db, baseCode, ct);
        if (baseDivision is null) return Failed(Error.Validation("请选择您范围内的社区、街道或县 / division must be a division in your scope."));

        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = file.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 2).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException or ArgumentException)
        {
            return Problems([new(0, null, "无法读取文件，请上传 .xlsx 格式的 Excel 文件 / The file is not a readable .xlsx workbook.")]);
        }
        if (sheet.Count == 0) return Problems([new(1, null, "文件是空的 / The file is empty.")]);
        var headers = sheet[0].Where(c => Text(c.Value) is not null).ToDictionary(c => Text(c.Value)!, c => c.Key);
        var missing = new[] { Name, IdNumber }.Where(h => !headers.ContainsKey(h)).ToList();
        if (missing.Count > 0) return Problems(missing.Select(h => new ImportProblem(1, h, $"缺少表头“{h}” / The header row has no '{h}' column.")).ToList());
        if (sheet.Count > MaxRows + 1) return Problems([new(MaxRows + 2, null, $"一次最多导入 {MaxRows} 行 / At most {MaxRows} rows per file.")]);

        var today = ResidentPlaces.Today(time);
        var problems = new List<ImportProblem>();
        var places = await PlacesAsync(baseDivision, ct);
        var rows = new List<Row>();
        var seenIds = new Dictionary<string, int>();
        var newBuildings = new HashSet<(string Community, string Key)>(); // added by an earlier row that names the grid
        for (var i = 1; i < sheet.Count; i++)
        {
            var cells = sheet[i];
            string? Cell(string header) => headers.TryGetValue(header, out var key) && cells.TryGetValue(key, out var value) ? Text(value) : null;
            if (Columns.All(c => Cell(c) is null)) continue; // a blank line
            if (Cell(Name) is { } n && n.StartsWith(ExamplePrefix, StringComparison.Ordinal)) continue;
            var row = new Row { Number = i + 1 };
            var before = problems.Count;
            void Bad(string column, string reason) => problems.Add(new ImportProblem(row.Number, column, reason));

            row.Name = Cell(Name) ?? "";
            if (row.Name.Length == 0) Bad(Name, "姓名不能为空 / The name is empty.");
            else if (row.Name.Length > 32) Bad(Name, "姓名过长 / The name is too long.");

            object? idCell = headers.TryGetValue(IdNumber, out var idKey) && cells.TryGetValue(idKey, out var rawId) ? rawId : null;
            if (idCell is double or decimal or float or long or int)
            {
                Bad(IdNumber, "身份证号须为文本格式（Excel 把它当成了数字）/ The ID number must be text (Excel stored it as a number).");
            }
            else if (ResidentRegistry.CheckIdNumber(Cell(IdNumber) ?? "", today) is { IsSuccess: false } idProblem)
            {
                Bad(IdNumber, idProblem.Error!.Message);
            }
            else
            {
                row.IdNumber = ChineseIdNumber.Normalise(Cell(IdNumber)!);
                if (seenIds.TryGetValue(row.IdNumber, out var first)) Bad(IdNumber, $"与第 {first} 行的身份证号重复 / The same ID number as row {first}.");
                else seenIds[row.IdNumber] = row.Number;
            }

            var phone = ResidentRegistry.CheckPhone(Cell(Phone));
            if (!phone.IsSuccess) Bad(Phone, phone.Error!.Message);
            else row.Phone = phone.Value;

            var communityText = Cell(Community);
            var community = communityText is null ? (baseDivision.Level == DivisionLevel.Village ? baseDivision : null) : places.Community(communityText);
            if (community is null)
            {
                Bad(Community, communityText is null
                    ? "请填写社区代码 / The community code is missing."
                    : $"社区“{communityText}”不存在或不在您的范围内 / Community '{communityText}' is not in your scope.");
            }
            else
            {
                row.Community = community;
                if (Cell(Grid) is { } gridName)
                {
                    row.Grid = places.Grid(community.Code, gridName);
                    if (row.Grid is null) Bad(Grid, $"本社区没有网格“{gridName}” / The community has no grid '{gridName}'.");
                }
                if (Cell(BuildingColumn) is { } buildingName)
                {
                    row.BuildingKey = BuildingNames.Key(Cell(Compound), buildingName);
                    var known = places.Building(community.Code, row.BuildingKey) is not null;
                    if (!known && row.Grid is not null) newBuildings.Add((community.Code, row.BuildingKey));
                    else if (!known && Cell(Grid) is null && !newBuildings.Contains((community.Code, row.BuildingKey)))
                    {
                        Bad(BuildingColumn, $"楼栋“{row.BuildingKey}”未登记；填写网格即可新建 / Building '{row.BuildingKey}' is not registered; give its grid to add it.");
                    }
                }
            }
            if (Cell(Unit) is { } unitText)
            {
                var digits = new string(unitText.Where(char.IsAsciiDigit).ToArray());
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) && unit is >= 1 and <= 99) row.UnitNo = unit;
                else Bad(Unit, "单元应为 1–99 的数字 / The unit must be a number from 1 to 99.");
            }
            row.Room = Cell(Room);
            if (row.Room is { Length: > 16 }) Bad(Room, "门牌号过长 / The room is too long.");
            if (row.Room is not null && row.BuildingKey is null) Bad(BuildingColumn, "填写门牌号时须填写楼栋 / A room needs its building.");
            row.Address = Cell(Address);
            if (row.Address is { Length: > 200 }) Bad(Address, "地址过长 / The address is too long.");
            row.Relation = Cell(Relation);
            if (row.Relation is { Length: > 16 }) Bad(Relation, "与户主关系过长 / The relation is too long.");
            foreach (var name in (Cell(Groups) ?? "").Split(GroupSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (KeyGroups.FindByAnyName(name) is { } group) { if (!row.Tags.Contains(group.Code)) row.Tags.Add(group.Code); }
                else Bad(Groups, $"未知的重点人群“{name}” / Unknown key group '{name}'.");
            }
            row.Health = Cell(Health);
            if (row.Health is { Length: > 500 }) Bad(Health, "健康状况过长 / The health note is too long.");
            row.Welfare = Cell(Welfare);
            if (row.Welfare is { Length: > 500 }) Bad(Welfare, "救助情况过长 / The welfare note is too long.");
            if (problems.Count == before) rows.Add(row);
        }
        if (rows.Count == 0 && problems.Count == 0) return Problems([new(2, null, "文件中没有要导入的行 / The file has no rows to import.")]);

        // Against the database: one record per ID number across all communities (the unique index's rule).
        var protector = PersonalData.Protector;
        foreach (var row in rows) row.IdHash = protector.Hash("id:" + row.IdNumber);
        var registered = await RegisteredAsync(rows.Select(r => r.IdHash).ToList(), ct);
        foreach (var row in rows.Where(r => registered.Contains(r.IdHash)))
        {
            problems.Add(new ImportProblem(row.Number, IdNumber, "该身份证号已登记 / A person with this ID number is already registered."));
        }
        if (problems.Count > 0) return Problems(problems.OrderBy(p => p.Row).ToList());

        return await WriteAsync(rows, places, baseDivision, today, ct);
    }

    private async Task<ResidentImportOutcome> WriteAsync(List<Row> rows, Places places, ResidentDivision baseDivision, DateOnly today, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var protector = PersonalData.Protector;
        var newBuildings = new List<Building>();
        var newHouseholds = new Dictionary<string, Household>();
        var existingHouseholds = await places.HouseholdsAsync(db, rows.Select(r => r.Community.Code).Distinct().ToList(), ct);
        var people = new List<Person>(rows.Count);
        var tags = new List<PersonTag>();
        foreach (var row in rows)
        {
            Building? building = null;
            if (row.BuildingKey is not null)
            {
                building = places.Building(row.Community.Code, row.BuildingKey);
                if (building is null)
                {
                    var (compound, name) = SplitBuilding(row.BuildingKey);
                    building = new Building(row.Grid!, name, row.UnitNo ?? 1, 0, now) { Compound = compound };
                    places.Add(row.Community.Code, row.BuildingKey, building);
                    newBuildings.Add(building);
                }
                if (row.UnitNo is { } unit && unit > building.Units && newBuildings.Contains(building)) building.Units = unit;
            }
            var householdKey = building is not null ? $"b|{building.Id}|{row.UnitNo}|{row.Room}" : row.Address is not null ? $"a|{row.Community.Code}|{row.Address}" : null;
            Guid? householdId = null;
            var startsHousehold = false;
            if (householdKey is not null)
            {
                if (existingHouseholds.TryGetValue(householdKey, out var existing)) householdId = existing;
                else
                {
                    if (!newHouseholds.TryGetValue(householdKey, out var household))
                    {
                        household = new Household(row.Community.Code, row.Community.Path, now)
                        {
                            GridId = row.Grid?.Id ?? building?.GridId, BuildingId = building?.Id, UnitNo = building is null ? null : row.UnitNo,
                            Room = building is null ? null : row.Room, Address = building is null ? row.Address : null,
                        };
                        newHouseholds[householdKey] = household;
                        startsHousehold = true;
                    }
                    householdId = household.Id;
                }
            }
            var person = new Person(row.Community.Code, row.Community.Path, now);
            person.SetName(row.Name, today);
            person.SetIdNumber(row.IdNumber, protector, today);
            person.SetPhone(row.Phone, protector);
            person.Address = building is not null ? row.Address : null; // without a building the address is the household's
            person.HealthNote = row.Health;
            person.WelfareNote = row.Welfare;
            person.GridId = row.Grid?.Id ?? building?.GridId;
            person.HouseholdId = householdId;
            person.RelationToHead = row.Relation ?? (startsHousehold ? ResidentRegistry.HeadRelation : null);
            if (person.RelationToHead == ResidentRegistry.HeadRelation && householdKey is not null && newHouseholds.TryGetValue(householdKey, out var mine)
                && mine.HeadPersonId is null)
            {
                mine.HeadPersonId = person.Id;
            }
            people.Add(person);
            tags.AddRange(row.Tags.Select(code => new PersonTag(person.Id, code, now)));
        }

        // One transaction; multi-row inserts in the order the foreign keys need. The per-row change audit is replaced by
        // one entry for the import (10,000 entries would say less than one that names the file's counts).
        db.CaptureChangesForAudit = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Buildings.AddRange(newBuildings);
        db.Households.AddRange(newHouseholds.Values);
        db.People.AddRange(people);
        db.PersonTags.AddRange(tags);
        try
        {
            await db.SaveChangesAsync(ct); // one transaction
        }
        catch (DbUpdateException e) when (ResidentRegistry.IsDuplicateIdNumber(e))
        {
            // Registered by someone else between the check and the write.
            return Problems([new(0, IdNumber, "文件中有身份证号刚被他人登记，请重新导入 / An ID number in the file was registered meanwhile; import again.")]);
        }
        await audit.RecordAsync(ResidentAuditActions.Imported, AuditResult.Success, nameof(Person), null,
            $"division: {baseDivision.Code}; people: {people.Count}; households: {newHouseholds.Count}; buildings: {newBuildings.Count}", cancellationToken: ct);
        return new ResidentImportOutcome(new ResidentImportResult(people.Count, newHouseholds.Count, newBuildings.Count), [], null);
    }

    private static (string? Compound, string Name) SplitBuilding(string key)
    {
        // The key is compound + name; keep the compound when the name ends with a building number (林苑小区3号楼).
        var split = key.IndexOfAny("0123456789一二三四五六七八九十".ToCharArray());
        return split > 0 ? (key[..split], key[split..]) : (null, key);
    }

    /// <summary>
    /// Which of these ID hashes are registered anywhere. The unique index makes the ID number one rule across all
    /// communities, so the check is made as the system; it returns only whether a hash exists, never whose it is.
    /// </summary>
    private async Task<HashSet<string>> RegisteredAsync(List<string> hashes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = new HashSet<string>();
        foreach (var chunk in hashes.Chunk(5_000))
        {
            var list = chunk.ToList();
            found.UnionWith(await system.People.AsNoTracking().Where(p => p.IdNumberHash != null && list.Contains(p.IdNumberHash))
                .Select(p => p.IdNumberHash!).ToListAsync(ct));
        }
        return found;
    }

    /// <summary>A cell as trimmed text (numbers without exponent or decimals), or null when blank.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => ResidentPlaces.Blank(s),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => ResidentPlaces.Blank(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => ResidentPlaces.Blank(value.ToString()),
    };

    private async Task<Places> PlacesAsync(ResidentDivision baseDivision, CancellationToken ct)
    {
        var (from, to) = MaterialisedPath.Range(baseDivision.Path);
        var communities = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Village && string.Compare(d.Path, from) >= 0 && string.Compare(d.Path, to) < 0)
            .Select(d => new ResidentDivision(d.Code, d.Path, d.Level, d.Name)).ToListAsync(ct);
        var grids = await db.Grids.AsNoTracking().Where(g => string.Compare(g.DivisionPath, from) >= 0 && string.Compare(g.DivisionPath, to) < 0).ToListAsync(ct);
        var buildings = await db.Buildings.AsNoTracking().Where(b => string.Compare(b.DivisionPath, from) >= 0 && string.Compare(b.DivisionPath, to) < 0).ToListAsync(ct);
        return new Places(communities, grids, buildings);
    }

    private sealed class Places
    {
        private readonly Dictionary<string, ResidentDivision> _byCode;
        private readonly Dictionary<string, ResidentDivision> _byName;
        private readonly Dictionary<(string, string), Grid> _grids = [];
        private readonly Dictionary<(string, string), Building> _buildings = [];

        public Places(List<ResidentDivision> communities, List<Grid> grids, List<Building> buildings)
        {
            _byCode = communities.ToDictionary(c => c.Code);
            _byName = communities.GroupBy(c => c.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
            foreach (var grid in grids)
            {
                _grids.TryAdd((grid.DivisionCode, grid.Name.Trim()), grid);
                if (!string.IsNullOrEmpty(grid.Code)) _grids.TryAdd((grid.DivisionCode, grid.Code.Trim()), grid);
            }
            foreach (var building in buildings) _buildings.TryAdd((building.DivisionCode, BuildingNames.Key(building)), building);
        }

        public ResidentDivision? Community(string codeOrName) => _byCode.GetValueOrDefault(codeOrName) ?? _byName.GetValueOrDefault(codeOrName);

        public Grid? Grid(string community, string nameOrCode) => _grids.GetValueOrDefault((community, nameOrCode));

        public Building? Building(string community, string key) => _buildings.GetValueOrDefault((community, key));

        public void Add(string community, string key, Building building) => _buildings[(community, key)] = building;

        /// <summary>The communities' households by their place (building|unit|room, or the written address); rooms are sealed, so compared after reading.</summary>
        public async Task<Dictionary<string, Guid>> HouseholdsAsync(AppDbContext db, List<string> communities, CancellationToken ct)
        {
            var rows = await db.Households.AsNoTracking().Where(h => communities.Contains(h.DivisionCode))
                .Select(h => new { h.Id, h.DivisionCode, h.BuildingId, h.UnitNo, h.Room, h.Address }).ToListAsync(ct);
            var result = new Dictionary<string, Guid>();
            foreach (var h in rows)
            {
                var key = h.BuildingId is { } b ? $"b|{b}|{h.UnitNo}|{h.Room}" : h.Address is not null ? $"a|{h.DivisionCode}|{h.Address}" : null;
                if (key is not null) result.TryAdd(key, h.Id);
            }
            return result;
        }
    }

    private static ResidentImportOutcome Failed(Error error) => new(null, [], error);

    private static ResidentImportOutcome Problems(List<ImportProblem> problems) =>
        new(null, problems.Take(MaxReportedProblems).ToList(), new Error(ResidentErrorCodes.ImportFailed, StatusCodes.Status400BadRequest,
            problems.Count == 1 ? "文件有 1 处错误，未导入任何数据 / The file has 1 problem; nothing was imported."
                : $"文件有 {problems.Count} 处错误，未导入任何数据 / The file has {problems.Count} problems; nothing was imported."));
}
