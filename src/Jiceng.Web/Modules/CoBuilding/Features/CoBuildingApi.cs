using Jiceng.Web.Modules.CoBuilding.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jiceng.Web.Modules.CoBuilding.Features;

/// <summary>The co-building API's handlers: each reads the request, calls its use case and maps the result.</summary>
public static class CoBuildingApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    private static Results<NoContent, ProblemHttpResult> NoContentOr(Result<bool> result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/units", async (CoBuildingUnits units, CancellationToken ct) => OkOr(await units.ListAsync(ct)))
            .WithName("ListCoBuildingUnits").WithSummary("Co-building units (contact phone masked): the county's for staff, its own for a unit's account");
        api.MapPost("/units", async (SaveUnitRequest request, CoBuildingUnits units, CancellationToken ct) =>
                CreatedOr(await units.CreateAsync(request, ct), u => $"/api/v1/cobuilding/units/{u.Id}"))
            .WithName("CreateCoBuildingUnit").WithSummary("Register a unit (county admin): kind, party organisation, contact");
        api.MapPut("/units/{id:guid}", async (Guid id, SaveUnitRequest request, CoBuildingUnits units, CancellationToken ct) => OkOr(await units.UpdateAsync(id, request, ct)))
            .WithName("UpdateCoBuildingUnit").WithSummary("Change a unit (county admin); fields left out stay");

        api.MapGet("/pairings", async (CoBuildingPairings pairings, CancellationToken ct, string? division = null, PairingStatus? status = null) =>
                OkOr(await pairings.ListAsync(division, status, ct)))
            .WithName("ListCoBuildingPairings").WithSummary("Pairings in scope with counts: needs this year, projects done/total, meetings this year");
        api.MapGet("/pairings/{id:guid}", async (Guid id, CoBuildingPairings pairings, HttpContext http, CancellationToken ct) => WithETag(http, await pairings.GetAsync(id, ct), p => p.Version))
            .WithName("GetCoBuildingPairing");
        api.MapPost("/pairings", async (CreatePairingRequest request, CoBuildingPairings pairings, CancellationToken ct) =>
                CreatedOr(await pairings.CreateAsync(request, ct), p => $"/api/v1/cobuilding/pairings/{p.Id}"))
            .WithName("CreateCoBuildingPairing")
            .WithSummary("A unit asks to pair with a community (双报到, to be confirmed), or staff pair a unit directly; one open pairing per unit and community (409 conflict)");
        api.MapPost("/pairings/{id:guid}/confirm", async (Guid id, CoBuildingPairings pairings, CancellationToken ct) => OkOr(await pairings.ConfirmAsync(id, ct)))
            .WithName("ConfirmCoBuildingPairing").WithSummary("The community's staff confirm a requested pairing");
        api.MapPost("/pairings/{id:guid}/decline", async (Guid id, CoBuildingPairings pairings, CancellationToken ct) => OkOr(await pairings.DeclineAsync(id, ct)))
            .WithName("DeclineCoBuildingPairing").WithSummary("The community's staff decline a requested pairing");
        api.MapPost("/pairings/{id:guid}/end", async (Guid id, EndPairingRequest? request, CoBuildingPairings pairings, CancellationToken ct) =>
                OkOr(await pairings.EndAsync(id, request ?? new EndPairingRequest(null), ct)))
            .WithName("EndCoBuildingPairing").WithSummary("The community's staff end an active pairing, optionally with its results (六联六共)");
        api.MapPost("/pairings/{id:guid}/agreement", UploadAgreementAsync).DisableAntiforgery()
            .WithName("UploadCoBuildingAgreement")
            .WithSummary("The signed agreement (一协议): multipart file (PDF or image, checked by content, at most 10 MB) with signedOn, startsOn, endsOn");
        api.MapGet("/pairings/{id:guid}/agreement", DownloadAgreementAsync)
            .WithName("DownloadCoBuildingAgreement").WithSummary("The agreement document, for whoever sees the pairing");

        api.MapGet("/needs", async (CoBuildingLists lists, CancellationToken ct, string? division = null, int? year = null) => OkOr(await lists.NeedsAsync(division, year, ct)))
            .WithName("ListCommunityNeeds").WithSummary("需求清单: a community's needs for a year (its staff, and units actively paired with it)");
        api.MapPost("/needs", async (NeedRequest request, CoBuildingLists lists, CancellationToken ct) => CreatedOr(await lists.AddNeedAsync(request, ct), n => $"/api/v1/cobuilding/needs/{n.Id}"))
            .WithName("AddCommunityNeed");
        api.MapPut("/needs/{id:guid}", async (Guid id, NeedRequest request, CoBuildingLists lists, CancellationToken ct) => OkOr(await lists.UpdateNeedAsync(id, request, ct)))
            .WithName("UpdateCommunityNeed");
        api.MapDelete("/needs/{id:guid}", async (Guid id, CoBuildingLists lists, CancellationToken ct) => NoContentOr(await lists.DeleteNeedAsync(id, ct)))
            .WithName("DeleteCommunityNeed");

        api.MapGet("/resources", async (CoBuildingLists lists, CancellationToken ct, Guid? unitId = null, int? year = null) => OkOr(await lists.ResourcesAsync(unitId, year, ct)))
            .WithName("ListUnitResources").WithSummary("资源清单: a unit's own for its accounts; the county's units' for staff");
        api.MapPost("/resources", async (ResourceRequest request, CoBuildingLists lists, CancellationToken ct) =>
                CreatedOr(await lists.AddResourceAsync(request, ct), r => $"/api/v1/cobuilding/resources/{r.Id}"))
            .WithName("AddUnitResource").WithSummary("The unit's account adds to its resources list");
        api.MapPut("/resources/{id:guid}", async (Guid id, ResourceRequest request, CoBuildingLists lists, CancellationToken ct) => OkOr(await lists.UpdateResourceAsync(id, request, ct)))
            .WithName("UpdateUnitResource");
        api.MapDelete("/resources/{id:guid}", async (Guid id, CoBuildingLists lists, CancellationToken ct) => NoContentOr(await lists.DeleteResourceAsync(id, ct)))
            .WithName("DeleteUnitResource");

        api.MapGet("/projects", async (CoBuildingLists lists, CancellationToken ct, Guid? pairingId = null, string? division = null, int? year = null) =>
                OkOr(await lists.ProjectsAsync(pairingId, division, year, ct)))
            .WithName("ListJointProjects").WithSummary("项目清单: joint projects in scope with progress");
        api.MapGet("/projects/{id:guid}", async (Guid id, CoBuildingLists lists, HttpContext http, CancellationToken ct) => WithETag(http, await lists.GetProjectAsync(id, ct), p => p.Version))
            .WithName("GetJointProject");
        api.MapPost("/projects", async (CreateProjectRequest request, CoBuildingLists lists, CancellationToken ct) =>
                CreatedOr(await lists.CreateProjectAsync(request, ct), p => $"/api/v1/cobuilding/projects/{p.Id}"))
            .WithName("CreateJointProject").WithSummary("A project of an active pairing, matched from a need and a resource (community staff or the unit)");
        api.MapPost("/projects/{id:guid}/progress", async (Guid id, ProjectProgressRequest request, CoBuildingLists lists, HttpContext http, CancellationToken ct) =>
                !IfMatchHeader.TryRead(http, out var expected) ? CoBuildingErrors.IfMatchInvalid.ToProblem() : WithETag(http, await lists.ProgressAsync(id, request, expected, ct), p => p.Version))
            .WithName("ReportJointProjectProgress").WithSummary("Progress % and a note; If-Match: the version read (stale → 409 version_mismatch)");
        api.MapPost("/projects/{id:guid}/complete", async (Guid id, CompleteProjectRequest request, CoBuildingLists lists, HttpContext http, CancellationToken ct) =>
                !IfMatchHeader.TryRead(http, out var expected) ? CoBuildingErrors.IfMatchInvalid.ToProblem() : WithETag(http, await lists.CompleteAsync(id, request, expected, ct), p => p.Version))
            .WithName("CompleteJointProject").WithSummary("Complete with beneficiaries and a summary; If-Match");
        api.MapPost("/projects/{id:guid}/cancel", async (Guid id, CoBuildingLists lists, HttpContext http, CancellationToken ct) =>
                !IfMatchHeader.TryRead(http, out var expected) ? CoBuildingErrors.IfMatchInvalid.ToProblem() : WithETag(http, await lists.CancelAsync(id, expected, ct), p => p.Version))
            .WithName("CancelJointProject");

        api.MapGet("/chair", async (CoBuildingCommunityWork work, CancellationToken ct, string? division = null, int? year = null) => OkOr(await work.ChairScheduleAsync(division, year, ct)))
            .WithName("GetRotatingChairSchedule").WithSummary("轮值主席: a community's twelve months for a year");
        api.MapPut("/chair", async (SetChairScheduleRequest request, CoBuildingCommunityWork work, CancellationToken ct) => OkOr(await work.SetChairScheduleAsync(request, ct)))
            .WithName("SetRotatingChairSchedule").WithSummary("Set months (unit and theme; no unit clears); each chair must be actively paired (400 chair_not_paired)");

        api.MapGet("/meetings", async (CoBuildingCommunityWork work, CancellationToken ct, string? division = null, int? year = null) => OkOr(await work.MeetingsAsync(division, year, ct)))
            .WithName("ListJointMeetings").WithSummary("Joint meetings in scope, newest first");
        api.MapGet("/meetings/quarters", async (CoBuildingCommunityWork work, CancellationToken ct, string? division = null, int? year = null) =>
                OkOr(await work.QuarterCheckAsync(division, year, ct)))
            .WithName("CheckJointMeetingQuarters").WithSummary("Per community: whether a joint meeting was held in each quarter of the year (missing quarters flagged)");
        api.MapGet("/meetings/{id:guid}", async (Guid id, CoBuildingCommunityWork work, CancellationToken ct) => OkOr(await work.MeetingAsync(id, ct)))
            .WithName("GetJointMeeting").WithSummary("A meeting with attendees (names masked), minutes and decisions");
        api.MapPost("/meetings", async (RecordMeetingRequest request, CoBuildingCommunityWork work, CancellationToken ct) =>
                CreatedOr(await work.RecordMeetingAsync(request, ct), m => $"/api/v1/cobuilding/meetings/{m.Id}"))
            .WithName("RecordJointMeeting").WithSummary("Record a held meeting: kind, date, title, place, convener, chair unit, attendees, minutes, decisions");

        api.MapGet("/committee-members", async (CoBuildingCommunityWork work, CancellationToken ct, string? division = null, CommitteeMemberStatus? status = null) =>
                OkOr(await work.MembersAsync(division, status, ct)))
            .WithName("ListPartTimeCommitteeMembers").WithSummary("兼职委员 in scope with meetings attended");
        api.MapPost("/committee-members", async (RecommendMemberRequest request, CoBuildingCommunityWork work, CancellationToken ct) =>
                CreatedOr(await work.RecommendAsync(request, ct), m => $"/api/v1/cobuilding/committee-members/{m.Id}"))
            .WithName("RecommendPartTimeCommitteeMember").WithSummary("A unit recommends a person for a community it is actively paired with");
        api.MapPost("/committee-members/{id:guid}/appoint", async (Guid id, MemberDateRequest? request, CoBuildingCommunityWork work, CancellationToken ct) =>
                OkOr(await work.AppointAsync(id, request ?? new MemberDateRequest(null), ct)))
            .WithName("AppointPartTimeCommitteeMember");
        api.MapPost("/committee-members/{id:guid}/end", async (Guid id, MemberDateRequest? request, CoBuildingCommunityWork work, CancellationToken ct) =>
                OkOr(await work.EndMemberAsync(id, request ?? new MemberDateRequest(null), ct)))
            .WithName("EndPartTimeCommitteeMember");
        api.MapGet("/committee-members/{id:guid}/participation", async (Guid id, CoBuildingCommunityWork work, CancellationToken ct) => OkOr(await work.ParticipationAsync(id, ct)))
            .WithName("GetPartTimeCommitteeMemberParticipation").WithSummary("Meetings the member attended (count and list)");
    }

    private static Results<Ok<T>, ProblemHttpResult> WithETag<T>(HttpContext http, Result<T> result, Func<T, int> version)
    {
        if (!result.IsSuccess) return result.Error!.ToProblem();
        http.Response.Headers.ETag = $"\"{version(result.Value!)}\"";
        return TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<Ok<PairingDto>, ProblemHttpResult>> UploadAgreementAsync(Guid id, HttpRequest request, CoBuildingPairings pairings, CancellationToken ct)
    {
        if (!request.HasFormContentType) return CoBuildingErrors.Invalid("请以表单上传协议文件", "Upload the agreement as multipart/form-data.").ToProblem();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return CoBuildingErrors.Invalid("请选择协议文件", "The file is required.").ToProblem();
        if (file.Length > CoBuildingPairings.MaxAgreementBytes)
        {
            return new Error(CoBuildingErrors.TooLargeCode, 400, $"协议文件不能超过 {CoBuildingPairings.MaxAgreementBytes / 1024 / 1024} MB / The agreement may have at most 10 MB.").ToProblem();
        }
        if (!TryDate(form["signedOn"], out var signed) || !TryDate(form["startsOn"], out var starts) || !TryDate(form["endsOn"], out var ends))
        {
            return CoBuildingErrors.Invalid("日期格式应为 yyyy-MM-dd", "Dates are yyyy-MM-dd.").ToProblem();
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return OkOr(await pairings.UploadAgreementAsync(id, new AgreementUpload(buffer.ToArray(), file.FileName, signed, starts, ends), ct));
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)) return false;
        date = d;
        return true;
    }

    /// <summary>404 for a pairing the caller may not see, exactly as for one without an agreement.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAgreementAsync(Guid id, CoBuildingPairings pairings, HttpContext http, CancellationToken ct)
    {
        var file = await pairings.OpenAgreementAsync(id, ct);
        if (file is null) return CoBuildingErrors.NotFound("协议文件", "Agreement").ToProblem();
        http.Response.Headers.CacheControl = "private";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
