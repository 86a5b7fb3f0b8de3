using System.Text;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Modules.Residents;

public static class ResidentsModule
{
    /// <summary>Division staff read and enter people in their scope; departments, residents, party members and administrators do not.</summary>
    public const string PeopleStaff = "people-staff";
    /// <summary>Community, street and county staff: removal on request and the published population for the staffing check (not grid workers).</summary>
    public const string PeopleStewards = "people-stewards";

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddResidentsModule(this IServiceCollection services)
    {
        services.AddScoped<ResidentQueries>();
        services.AddScoped<ResidentRegistry>();
        services.AddScoped<ResidentDisclosure>();
        services.AddScoped<ResidentImport>();
        services.AddScoped<CommunityStaffing>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PeopleStaff, p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker))
            .AddPolicy(PeopleStewards, p => p.RequireRole(Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff));
        return services;
    }

    public static IEndpointRouteBuilder MapResidentsApi(this IEndpointRouteBuilder app)
    {
        var residents = app.MapGroup("/api/v1/residents").WithTags("Residents").RequireAuthorization(PeopleStaff);
        residents.MapPost("/", CreateAsync).WithName("CreateResident")
            .WithSummary("Register a person in a community of the caller's scope; ID number (GB 11643) and phone are checked; building + unit + room joins or makes the household");
        residents.MapGet("/", ListAsync).WithName("ListResidents")
            .WithSummary("People in scope, masked and paged; search by name (q), phoneTail, buildingId, gridId, tag; exact find by idNumber or phone (keyed hash)");
        residents.MapGet("/template", Template).WithName("ResidentImportTemplate").AllowConsoleCookieReads()
            .WithSummary("The .xlsx import template with Chinese headers and an example row");
        residents.MapPost("/import", ImportAsync).DisableAntiforgery().WithName("ImportResidents")
            .WithSummary("Import an .xlsx (multipart field 'file'): every row is checked first; any bad row → 400 import_failed listing each row, nothing imported");
        residents.MapGet("/export", ExportListAsync).WithName("ExportResidents").AllowConsoleCookieReads()
            .WithSummary("The scoped, filtered list as .xlsx, masked; audited");
        residents.MapGet("/statistics", StatisticsAsync).WithName("ResidentStatistics")
            .WithSummary("Records per community by key group, erased ones included (removal on request keeps these figures)");
        residents.MapGet("/{id:guid}", GetAsync).WithName("GetResident").WithSummary("One person, masked");
        residents.MapPut("/{id:guid}", UpdateAsync).WithName("CorrectResident")
            .WithSummary("Correction on request: fields left out stay, empty text clears; If-Match carries the version (409 conflict when stale)");
        residents.MapPut("/{id:guid}/household", MoveAsync).WithName("MoveResidentToHousehold")
            .WithSummary("Move the person to a household: { householdId } or { buildingId, unitNo, room } (joins the household there or starts one with the person as head)");
        residents.MapDelete("/{id:guid}", EraseAsync).RequireAuthorization(PeopleStewards).WithName("EraseResident")
            .WithSummary("Removal on request ({ reason }) by community, street or county staff: personal fields erased, statistics kept; audited");
        residents.MapPut("/{id:guid}/roles/{kind}", SetRoleAsync).WithName("SetResidentRole")
            .WithSummary("Add or change a role: PartyMember, CommunityWorker, GridWorker, Volunteer, MedicalStaff, FamilyDoctor");
        residents.MapDelete("/{id:guid}/roles/{kind}", RemoveRoleAsync).WithName("RemoveResidentRole");
        residents.MapPut("/{id:guid}/tags/{code}", AddTagAsync).WithName("AddResidentTag").WithSummary("Put the person in a key group (code, e.g. elderly-alone)");
        residents.MapDelete("/{id:guid}/tags/{code}", RemoveTagAsync).WithName("RemoveResidentTag");

        // Clear values: any signed-in caller reaches the handler so that a refusal is audited too; the role is checked there.
        var disclosure = app.MapGroup("/api/v1/residents").WithTags("Residents").RequireAuthorization(Policies.AnyAccount);
        disclosure.MapPost("/{id:guid}/unmask", UnmaskAsync).WithName("UnmaskResident")
            .WithSummary("The clear values with a reason (community, street and county staff); audited, refusals too");
        disclosure.MapGet("/{id:guid}/export", ExportPersonAsync).WithName("ExportResidentData").AllowConsoleCookieReads()
            .WithSummary("Everything held about the person, in clear, for their access request (JSON, or ?format=xlsx); audited like unmask");

        var households = app.MapGroup("/api/v1/households").WithTags("Residents").RequireAuthorization(PeopleStaff);
        households.MapGet("/", ListHouseholdsAsync).WithName("ListHouseholds").WithSummary("Households in scope, by division, building or grid; rooms masked");
        households.MapGet("/{id:guid}", GetHouseholdAsync).WithName("GetHousehold").WithSummary("A household with its members, masked");
        households.MapPost("/", CreateHouseholdAsync).WithName("CreateHousehold");

        var staffing = app.MapGroup("/api/v1/staffing").WithTags("Residents").RequireAuthorization(PeopleStaff);
        staffing.MapGet("/", StaffingAsync).WithName("GetStaffing")
            .WithSummary("Community workers per 10,000 urban residents against the standard 18, and the certified share, per community and in total");
        staffing.MapPut("/{divisionCode}", SetUrbanResidentsAsync).RequireAuthorization(PeopleStewards).WithName("SetUrbanResidents")
            .WithSummary("A community's published urban resident population (null: count the person records)");
        return app;
    }

    public static async Task<Results<Created<ResidentDto>, ProblemHttpResult>> CreateAsync(CreateResidentRequest request, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct)
    {
        var result = await registry.CreateAsync(request, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        var dto = await queries.ToDtoAsync(result.Value!, ct);
        http.Response.Headers.ETag = $"\"{dto.Version}\"";
        return TypedResults.Created($"/api/v1/residents/{dto.Id}", dto);
    }

    public static async Task<Results<Ok<PagedList<ResidentListItem>>, ProblemHttpResult>> ListAsync(ResidentQueries queries, CancellationToken ct,
        string? division = null, string? q = null, string? phoneTail = null, Guid? buildingId = null, Guid? gridId = null, string? tag = null,
        string? idNumber = null, string? phone = null, bool includeErased = false, int page = 1, int pageSize = 50)
    {
        var result = await queries.ListAsync(new ResidentListQuery(division, q, phoneTail, buildingId, gridId, tag, idNumber, phone, includeErased, page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> GetAsync(Guid id, ResidentQueries queries, HttpContext http, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateResidentRequest request, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation("If-Match must be the record's version, e.g. \"3\".").ToProblem();
        var result = await registry.UpdateAsync(id, request, expected, ct);
        return await AnswerAsync(result, queries, http, ct);
    }

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> MoveAsync(Guid id, MoveHouseholdRequest request, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct)
    {
        if (!Platform.Http.IfMatchHeader.TryRead(http, out var expected)) return Error.Validation("If-Match must be the record's version, e.g. \"3\".").ToProblem();
        var result = await registry.MoveToHouseholdAsync(id, expected is null ? request : request with { Version = expected }, ct);
        return await AnswerAsync(result, queries, http, ct);
    }

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> EraseAsync(Guid id, [FromBody] ReasonRequest request, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await registry.EraseAsync(id, request.Reason, ct), queries, http, ct);

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> SetRoleAsync(Guid id, string kind, PersonRoleRequest request, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await registry.SetRoleAsync(id, kind, request, ct), queries, http, ct);

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> RemoveRoleAsync(Guid id, string kind, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await registry.SetRoleAsync(id, kind, null, ct), queries, http, ct);

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> AddTagAsync(Guid id, string code, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await registry.SetTagAsync(id, code, true, ct), queries, http, ct);

    public static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> RemoveTagAsync(Guid id, string code, ResidentRegistry registry,
        ResidentQueries queries, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await registry.SetTagAsync(id, code, false, ct), queries, http, ct);

    private static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> AnswerAsync(Result<Domain.Person> result, ResidentQueries queries, HttpContext http, CancellationToken ct)
    {
        if (!result.IsSuccess) return result.Error!.ToProblem();
        var dto = await queries.ToDtoAsync(result.Value!, ct);
        http.Response.Headers.ETag = $"\"{dto.Version}\"";
        return TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<UnmaskedResidentDto>, ProblemHttpResult>> UnmaskAsync(Guid id, ReasonRequest request, ResidentDisclosure disclosure, CancellationToken ct)
    {
        var result = await disclosure.UnmaskAsync(id, request.Reason, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PersonalDataExport>, FileContentHttpResult, ProblemHttpResult>> ExportPersonAsync(Guid id, ResidentDisclosure disclosure,
        CancellationToken ct, string? reason = null, string? format = null)
    {
        // An access request by the person is its own reason; staff may say more.
        var result = await disclosure.ExportPersonAsync(id, ResidentPlaces.Blank(reason) ?? "本人查阅申请 / access request by the person", ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        if (format != "xlsx") return TypedResults.Ok(result.Value!);
        return TypedResults.File(PersonalDataWorkbook.Write(result.Value!), Xlsx, $"personal-data-{id:N}.xlsx");
    }

    public static FileContentHttpResult Template(string? division = null) =>
        TypedResults.File(ResidentImport.Template(ResidentPlaces.Blank(division)), Xlsx, "居民导入模板.xlsx");

    public static async Task<Results<Ok<ResidentImportResult>, ProblemHttpResult>> ImportAsync(IFormFile file, ResidentImport import, CancellationToken ct,
        string? division = null)
    {
        if (file.Length is 0 or > MaxImportBytes) return Error.Validation($"请上传不超过 {MaxImportBytes / 1024 / 1024} MB 的 .xlsx 文件 / Upload an .xlsx of at most {MaxImportBytes / 1024 / 1024} MB.").ToProblem();
        // The workbook is a zip: read it whole so the reader can seek.
        using var buffer = new MemoryStream((int)file.Length);
        await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var outcome = await import.ImportAsync(buffer, division, ct);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Result!) : ImportProblem(outcome);
    }

    public const long MaxImportBytes = 20 * 1024 * 1024;

    /// <summary>400 import_failed with every bad row ({ row, column, reason }), or the plain error when the request itself was wrong.</summary>
    public static ProblemHttpResult ImportProblem(ResidentImportOutcome outcome)
    {
        if (outcome.Problems.Count == 0) return outcome.Error!.ToProblem();
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = outcome.Error!.Message,
            Type = $"https://jiceng.cn/problems/{ResidentErrorCodes.ImportFailed}",
            Extensions = { ["code"] = ResidentErrorCodes.ImportFailed, ["errors"] = outcome.Problems },
        });
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportListAsync(ResidentDisclosure disclosure, CancellationToken ct,
        string? division = null, string? q = null, string? phoneTail = null, Guid? buildingId = null, Guid? gridId = null, string? tag = null)
    {
        var result = await disclosure.ExportListAsync(new ResidentListQuery(division, q, phoneTail, buildingId, gridId, tag), ct);
        return result.IsSuccess ? TypedResults.File(result.Value!, Xlsx, "居民名单.xlsx") : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<ResidentStatisticsRow>>, ProblemHttpResult>> StatisticsAsync(ResidentQueries queries, CancellationToken ct, string? division = null)
    {
        var result = await queries.StatisticsAsync(division, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PagedList<HouseholdListItem>>, ProblemHttpResult>> ListHouseholdsAsync(ResidentQueries queries, CancellationToken ct,
        string? division = null, Guid? buildingId = null, Guid? gridId = null, int page = 1, int pageSize = 50)
    {
        var result = await queries.HouseholdsAsync(division, buildingId, gridId, page, pageSize, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<HouseholdDto>, ProblemHttpResult>> GetHouseholdAsync(Guid id, ResidentQueries queries, CancellationToken ct)
    {
        var result = await queries.HouseholdAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Created<HouseholdDto>, ProblemHttpResult>> CreateHouseholdAsync(CreateHouseholdRequest request, ResidentRegistry registry,
        ResidentQueries queries, CancellationToken ct)
    {
        var result = await registry.CreateHouseholdAsync(request, ct);
        if (!result.IsSuccess) return result.Error!.ToProblem();
        var dto = await queries.HouseholdAsync(result.Value!.Id, ct);
        return TypedResults.Created($"/api/v1/households/{result.Value.Id}", dto.Value!);
    }

    public static async Task<Results<Ok<StaffingReport>, ProblemHttpResult>> StaffingAsync(CommunityStaffing staffing, CancellationToken ct, string? division = null)
    {
        var result = await staffing.ReportAsync(division, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<StaffingRow>, ProblemHttpResult>> SetUrbanResidentsAsync(string divisionCode, SetUrbanResidentsRequest request,
        CommunityStaffing staffing, CancellationToken ct)
    {
        var result = await staffing.SetUrbanResidentsAsync(divisionCode, request.UrbanResidents, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

}

/// <summary>A person's own data as a workbook: one sheet of field/value pairs, one per kind of record.</summary>
internal static class PersonalDataWorkbook
{
    public static byte[] Write(PersonalDataExport export)
    {
        var p = export.Person;
        var r = export.Record;
        var fields = new List<Dictionary<string, object?>>();
        void Add(string field, object? value) => fields.Add(new() { ["项目"] = field, ["内容"] = value });
        Add("姓名", p.Name);
        Add("身份证号", p.IdNumber);
        Add("出生日期", p.BirthDate);
        Add("手机号", p.Phone);
        Add("地址", p.Address ?? p.HouseholdAddress);
        Add("楼栋", r.Household?.BuildingName);
        Add("单元", r.Household?.UnitNo);
        Add("门牌号", p.Room);
        Add("社区", r.DivisionName);
        Add("网格", r.GridName);
        Add("与户主关系", r.RelationToHead);
        Add("重点人群", string.Join("，", r.Tags.Select(t => t.Name)));
        Add("角色", string.Join("，", r.Roles.Select(x => x.Kind)));
        Add("健康状况", p.HealthNote);
        Add("救助情况", p.WelfareNote);
        Add("导出时间（UTC）", export.ExportedUtc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var sheets = new Dictionary<string, object>
        {
            ["个人信息"] = fields,
            ["帮扶计划"] = export.HelpPlans.Select(h => new Dictionary<string, object?> { ["措施"] = h.Measures, ["复核日期"] = h.ReviewDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["状态"] = h.Status }).ToList(),
            ["走访记录"] = export.Visits.Select(v => new Dictionary<string, object?> { ["时间（UTC）"] = v.VisitedUtc, ["走访人"] = v.VisitorName, ["发现"] = v.Findings, ["慰问"] = v.Gifts, ["价值"] = v.GiftValue }).ToList(),
            ["医疗指导"] = export.MedicalGuidance.Select(g => new Dictionary<string, object?> { ["时间（UTC）"] = g.OccurredUtc, ["内容"] = g.Note }).ToList(),
        };
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }
}
