using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Volunteering.Features;

/// <summary>The volunteering API's handlers: each calls its use case and maps the result.</summary>
public static class VolunteeringApi
{
    private const string Base = "/api/v1/volunteering";

    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup(Base).WithTags("Volunteering").RequireAuthorization(VolunteeringRoles.StaffPolicy);
        var anyone = app.MapGroup(Base).WithTags("Volunteering").RequireAuthorization(VolunteeringRoles.ParticipantPolicy);

        staff.MapPost("/teams", async (SaveTeamRequest r, VolunteerTeams teams, CancellationToken ct) =>
                CreatedOr(await teams.CreateAsync(r, ct), t => $"{Base}/teams/{t.Id}"))
            .WithName("CreateVolunteerTeam").WithSummary("A volunteer team (党员志愿服务队, 党团志愿服务队, 红色志愿者, other) of a division in scope");
        staff.MapGet("/teams", async (VolunteerTeams teams, CancellationToken ct, string? division) => OkOr(await teams.ListAsync(division, ct)))
            .WithName("ListVolunteerTeams").WithSummary("Teams in scope with their member counts");
        staff.MapPut("/teams/{id:guid}", async (Guid id, SaveTeamRequest r, VolunteerTeams teams, CancellationToken ct) => OkOr(await teams.UpdateAsync(id, r, ct)))
            .WithName("UpdateVolunteerTeam");
        staff.MapGet("/teams/{id:guid}/members", async (Guid id, VolunteerTeams teams, CancellationToken ct, bool includeLeft = false) =>
                OkOr(await teams.MembersAsync(id, includeLeft, ct)))
            .WithName("ListVolunteerTeamMembers").WithSummary("Members (names masked)");
        staff.MapPost("/teams/{id:guid}/members", async (Guid id, AddMemberRequest r, VolunteerTeams teams, CancellationToken ct) =>
                CreatedOr(await teams.AddAsync(id, r, ct), m => $"{Base}/teams/{id}/members/{m.Id}"))
            .WithName("AddVolunteerTeamMember").WithSummary("Adds a person (personId) or an account (userName)");
        staff.MapDelete("/teams/{id:guid}/members/{memberId:guid}", async (Guid id, Guid memberId, VolunteerTeams teams, CancellationToken ct) =>
                OkOr(await teams.RemoveAsync(id, memberId, ct)))
            .WithName("RemoveVolunteerTeamMember").WithSummary("The member leaves (LeftUtc); the row stays for the record");
        anyone.MapPost("/teams/{id:guid}/join", async (Guid id, VolunteerTeams teams, CancellationToken ct) =>
                CreatedOr(await teams.JoinSelfAsync(id, null, ct), m => $"{Base}/teams/{id}/members/{m.Id}"))
            .WithName("JoinVolunteerTeam").WithSummary("The caller joins an active team");

        staff.MapPost("/activities", async (CreateActivityRequest r, VolunteerActivities activities, CancellationToken ct) =>
                CreatedOr(await activities.CreateAsync(r, ct), a => $"{Base}/activities/{a.Id}"))
            .WithName("CreateVolunteerActivity").WithSummary("An activity with place, time, capacity (≥ 1), skills and team");
        staff.MapGet("/activities", async (VolunteerActivities activities, CancellationToken ct, string? division, string? status, DateOnly? from, DateOnly? to) =>
                Parse<ActivityStatus>(status, out var wanted) is { } bad ? bad : OkOr(await activities.ListAsync(division, wanted, from, to, ct)))
            .WithName("ListVolunteerActivities").WithSummary("Activities in scope, newest first");
        staff.MapGet("/activities/{id:guid}", async (Guid id, VolunteerActivities activities, CancellationToken ct) => OkOr(await activities.GetAsync(id, ct)))
            .WithName("GetVolunteerActivity");
        app.MapGet($"{Base}/public/{{communityCode}}/activities", async (string communityCode, VolunteerActivities activities, CancellationToken ct) =>
                TypedResults.Ok(await activities.PublicAsync(communityCode, ct)))
            .AllowAnonymous().WithTags("Volunteering").WithName("ListPublicVolunteerActivities")
            .WithSummary("A community's open upcoming activities for the public: no personal data");
        staff.MapPost("/activities/{id:guid}/cancel", async (Guid id, VolunteerActivities activities, CancellationToken ct) => OkOr(await activities.CancelAsync(id, ct)))
            .WithName("CancelVolunteerActivity");
        staff.MapPost("/activities/{id:guid}/close", async (Guid id, CloseActivityRequest r, VolunteerActivities activities, CancellationToken ct) =>
                OkOr(await activities.CloseAsync(id, r, ct)))
            .WithName("CloseVolunteerActivity").WithSummary("Closes a held activity with the people served (服务群众人次)");
        staff.MapGet("/activities/{id:guid}/signups", async (Guid id, VolunteerActivities activities, CancellationToken ct) => OkOr(await activities.SignupsAsync(id, ct)))
            .WithName("ListActivitySignups").WithSummary("Sign-ups of an activity (names masked)");

        anyone.MapPost("/activities/{id:guid}/signups", async (Guid id, ActivitySignups signups, CancellationToken ct) =>
                CreatedOr(await signups.SignUpAsync(id, ct), s => $"{Base}/signups/{s.Id}"))
            .WithName("SignUpForVolunteerActivity").WithSummary("The caller signs up: 409 activity_full when no place is left, already_signed_up on a second live sign-up");
        staff.MapPost("/activities/{id:guid}/signups/staff", async (Guid id, StaffSignupRequest r, ActivitySignups signups, CancellationToken ct) =>
                CreatedOr(await signups.SignUpForAsync(id, r, ct), s => $"{Base}/signups/{s.Id}"))
            .WithName("SignUpSomeoneForVolunteerActivity").WithSummary("Staff sign up a person (personId) or a name, e.g. someone without a phone");
        anyone.MapPost("/signups/{id:guid}/cancel", async (Guid id, ActivitySignups signups, CancellationToken ct) => OkOr(await signups.CancelAsync(id, ct)))
            .WithName("CancelActivitySignup").WithSummary("Cancels a sign-up before check-in and frees the place");
        anyone.MapPost("/checkin", async (CheckInRequest r, ActivitySignups signups, CancellationToken ct) => OkOr(await signups.CheckInAsync(r.Code, ct)))
            .WithName("VolunteerCheckIn").WithSummary("Check-in with the activity's QR code, around its time on its day");
        anyone.MapPost("/checkout", async (CheckInRequest r, ActivitySignups signups, CancellationToken ct) => OkOr(await signups.CheckOutAsync(r.Code, ct)))
            .WithName("VolunteerCheckOut").WithSummary("Check-out: minutes credited from check-in to now, within the activity's time");
        staff.MapPost("/signups/{id:guid}/checkin", async (Guid id, ActivitySignups signups, CancellationToken ct) => OkOr(await signups.StaffCheckInAsync(id, ct)))
            .WithName("StaffCheckIn");
        staff.MapPost("/signups/{id:guid}/checkout", async (Guid id, ActivitySignups signups, CancellationToken ct) => OkOr(await signups.StaffCheckOutAsync(id, ct)))
            .WithName("StaffCheckOut");
        staff.MapPut("/signups/{id:guid}/minutes", async (Guid id, SetMinutesRequest r, ActivitySignups signups, CancellationToken ct) =>
                OkOr(await signups.SetMinutesAsync(id, r.Minutes, ct)))
            .WithName("SetCreditedMinutes").WithSummary("Staff set the minutes credited (0 to the activity's length)");

        anyone.MapPost("/hours", async (LogHoursRequest r, VolunteerHours hours, CancellationToken ct) =>
                CreatedOr(await hours.LogAsync(r, ct), h => $"{Base}/hours/{h.Id}"))
            .WithName("LogVolunteerHours").WithSummary("Self-logged hours, pending until staff of the community approve");
        anyone.MapGet("/hours", async (VolunteerHours hours, CurrentUserAccessor me, CancellationToken ct, string? division, string? status) =>
                Parse<HoursClaimStatus>(status, out var wanted) is { } bad ? bad : OkOr(await hours.ListAsync(division, wanted, !me.IsStaff, ct)))
            .WithName("ListVolunteerHours").WithSummary("Claims in scope (staff) or the caller's own");
        staff.MapPost("/hours/{id:guid}/approve", async (Guid id, DecideHoursRequest? r, VolunteerHours hours, HttpContext http, CancellationToken ct) =>
                await DecideAsync(http, expected => hours.ApproveAsync(id, expected, r?.Note, ct)))
            .WithName("ApproveVolunteerHours").WithSummary("Approves a pending claim once (If-Match: the version read, optional); 409 when already decided");
        staff.MapPost("/hours/{id:guid}/reject", async (Guid id, DecideHoursRequest? r, VolunteerHours hours, HttpContext http, CancellationToken ct) =>
                await DecideAsync(http, expected => hours.RejectAsync(id, expected, r?.Note, ct)))
            .WithName("RejectVolunteerHours").WithSummary("Rejects a pending claim once, with a note");

        anyone.MapGet("/me", async (VolunteerRecords records, CancellationToken ct) => OkOr(await records.MineAsync(ct)))
            .WithName("GetMyVolunteerRecord").WithSummary("My activities, credited hours, approved self-logged hours and totals");
        anyone.MapGet("/me/export", async (VolunteerRecords records, CancellationToken ct) => await ExportAsync(await records.MineAsync(ct)))
            .WithName("ExportMyVolunteerRecord").WithSummary("My record as an Excel workbook");
        staff.MapGet("/volunteers/{userId:guid}", async (Guid userId, VolunteerRecords records, CancellationToken ct) => OkOr(await records.OfAsync(userId, ct)))
            .WithName("GetVolunteerRecord").WithSummary("A volunteer's record, the rows in the caller's scope");
        staff.MapGet("/volunteers/{userId:guid}/export", async (Guid userId, VolunteerRecords records, CancellationToken ct) => await ExportAsync(await records.OfAsync(userId, ct)))
            .WithName("ExportVolunteerRecord");
        staff.MapGet("/totals", async (VolunteerRecords records, CancellationToken ct, string? division, DateOnly? from, DateOnly? to) =>
                OkOr(await records.TotalsAsync(division, from, to, ct)))
            .WithName("GetVolunteerTotals").WithSummary("Per community and per team: activities held, volunteers, hours, people served (服务群众人次)");
    }

    /// <summary>A status filter in any letter case ("pending", "Pending"); unknown values are a validation error.</summary>
    private static ProblemHttpResult? Parse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) { value = parsed; return null; }
        return Error.Validation($"未知状态 {text} / Unknown status {text}.").ToProblem();
    }

    /// <summary>The same exports for the pages, signed in by cookie (the API itself takes bearer tokens only).</summary>
    public static void MapPageDownloads(IEndpointRouteBuilder app)
    {
        app.MapGet("/me/volunteer/export", async (VolunteerRecords records, CancellationToken ct) => await ExportAsync(await records.MineAsync(ct)))
            .RequireAuthorization(VolunteeringRoles.ParticipantPolicy).ExcludeFromDescription();
        app.MapGet("/volunteering/volunteers/{userId:guid}/export", async (Guid userId, VolunteerRecords records, CancellationToken ct) =>
                await ExportAsync(await records.OfAsync(userId, ct)))
            .RequireAuthorization(VolunteeringRoles.StaffPolicy).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<HoursClaimDto>, ProblemHttpResult>> DecideAsync(HttpContext http, Func<int?, Task<Result<HoursClaimDto>>> decide)
    {
        int? expected = null;
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            if (!Platform.Http.IfMatchHeader.TryRead(http, out var version))
                return Error.Validation("If-Match 须为版本号，如 \"1\" / If-Match must be the version, e.g. \"1\".").ToProblem();
            expected = version;
        }
        var result = await decide(expected);
        if (result.IsSuccess) http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return OkOr(result);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Result<VolunteerRecordDto> record)
    {
        await Task.CompletedTask;
        if (!record.IsSuccess) return record.Error!.ToProblem();
        return TypedResults.File(VolunteerRecords.Workbook(record.Value!), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "volunteer-record.xlsx");
    }
}

/// <summary>Whether the caller is division staff (their lists cover their scope; others' only their own rows).</summary>
public sealed class CurrentUserAccessor(Platform.Scope.CurrentUser user)
{
    public bool IsStaff => VolunteeringRoles.IsStaff(user);
}
