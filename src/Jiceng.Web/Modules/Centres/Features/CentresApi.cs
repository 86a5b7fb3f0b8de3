using Jiceng.Web.Modules.Centres.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Centres.Features;

/// <summary>The centres, rooms and duty rota API: each handler calls its use case and maps the result.</summary>
public static class CentresApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Error!.ToProblem();

    private static async Task<Results<Ok<T>, ProblemHttpResult>> WithIfMatch<T>(HttpContext http, Func<int?, Task<Result<T>>> work) =>
        IfMatchHeader.TryRead(http, out var expected) ? OkOr(await work(expected)) : CentresErrors.Version().ToProblem();

    private static Results<FileContentHttpResult, ProblemHttpResult> FileOr(Result<CentresExport.ExportFile> result) =>
        result.IsSuccess ? TypedResults.File(result.Value!.Content, CentresExport.ContentType, result.Value.FileName) : result.Error!.ToProblem();

    private static Results<Ok<ShiftDto>, ProblemHttpResult> WithETag(HttpContext http, Result<ShiftDto> result)
    {
        if (result.IsSuccess) http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
        return OkOr(result);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1").WithTags("Centres").RequireAuthorization(CentresRoles.StaffPolicy);
        var anyone = app.MapGroup("/api/v1").WithTags("Centres").RequireAuthorization(CentresRoles.BookerPolicy);
        var open = app.MapGroup("/api/v1").WithTags("Centres").AllowAnonymous();

        staff.MapGet("/centres", async (CentreRegistry r, CancellationToken ct, string? division) => OkOr(await r.ListAsync(division, ct)))
            .WithName("ListCentres").WithSummary("Centres and stations in scope with the 十有 score (n/10) and the activity-area share (≥ 85 % pass/fail)");
        staff.MapGet("/centres/figures", async (CentreRegistry r, CancellationToken ct, string? division) => OkOr(await r.FiguresAsync(division, ct)))
            .WithName("GetCentreFigures").WithSummary("How many centres in the subtree meet 十有 fully, the ≥ 85 % share, and both");
        staff.MapGet("/centres/{id:guid}", async (Guid id, CentreRegistry r, CancellationToken ct) => OkOr(await r.GetAsync(id, ct)))
            .WithName("GetCentre");
        staff.MapPost("/centres", async (SaveCentreRequest body, CentreRegistry r, CancellationToken ct) =>
                CreatedOr(await r.CreateAsync(body, ct), c => $"/api/v1/centres/{c.Id}"))
            .WithName("CreateCentre").WithSummary("A centre or station with its areas, 十有 checklist and opening periods (extended = 延时、错时)");
        staff.MapPut("/centres/{id:guid}", (Guid id, SaveCentreRequest body, CentreRegistry r, HttpContext http, CancellationToken ct) =>
                WithIfMatch(http, v => r.UpdateAsync(id, body, v, ct)))
            .WithName("UpdateCentre").WithSummary("Replaces the centre's fields, areas and periods (If-Match: the version read)");
        staff.MapGet("/centres/export", async (CentresExport e, CancellationToken ct, string? division) => FileOr(await e.CentresAsync(division, ct)))
            .AllowConsoleCookieReads()
            .WithName("ExportCentres").WithSummary("Excel: every centre in the division's subtree (default: the caller's scope) with its kind, 十有 n/10, missing items and the ≥ 85 % share");
        open.MapGet("/centres/public", async (PublicCentres p, CancellationToken ct, string? division) => TypedResults.Ok(await p.OfAsync(division ?? "", ct)))
            .WithName("ListPublicCentres").WithSummary("A community's centres for the public: today's hours, 十有, activity share and who is on duty now (name and post)");

        open.MapGet("/rooms", async (RoomBookings b, CancellationToken ct, string? division) => TypedResults.Ok(await b.PublicAsync(division, ct)))
            .WithName("ListRooms").WithSummary("A community's bookable rooms and venues (public information; no personal data)");
        staff.MapGet("/rooms/manage", async (RoomBookings b, CancellationToken ct, string? division) => OkOr(await b.ListAsync(division, ct)))
            .WithName("ListRoomsInScope").WithSummary("Rooms in scope, inactive ones too");
        staff.MapPost("/rooms", async (SaveRoomRequest body, RoomBookings b, CancellationToken ct) => CreatedOr(await b.CreateAsync(body, ct), r => $"/api/v1/rooms/{r.Id}"))
            .WithName("CreateRoom").WithSummary("A bookable room of a centre, or a standalone venue, with its booking rules");
        staff.MapPut("/rooms/{id:guid}", (Guid id, SaveRoomRequest body, RoomBookings b, HttpContext http, CancellationToken ct) =>
                WithIfMatch(http, v => b.UpdateAsync(id, body, v, ct)))
            .WithName("UpdateRoom");
        open.MapGet("/rooms/{id:guid}/calendar", async (Guid id, RoomBookings b, CancellationToken ct, DateOnly? from, DateOnly? to) =>
                OkOr(await b.CalendarAsync(id, from, to, ct)))
            .WithName("GetRoomCalendar").WithSummary("Busy slots between two China days; staff in scope and the booker also see the (masked) booker and purpose");
        anyone.MapPost("/rooms/{id:guid}/bookings", async (Guid id, BookRoomRequest body, RoomBookings b, CancellationToken ct) =>
                CreatedOr(await b.BookAsync(id, body, ct), x => $"/api/v1/bookings/{x.Id}"))
            .WithName("BookRoom").WithSummary("Books a room (start, end ISO 8601, purpose, optional groupName): pending when it needs approval; 409 conflict on overlap");
        anyone.MapGet("/bookings", async (RoomBookings b, CancellationToken ct, string? division, string? status, bool mine = false) =>
                Parse<BookingStatus>(status, out var wanted) is { } bad ? bad : OkOr(await b.ListAsync(division, wanted, mine, ct)))
            .WithName("ListBookings").WithSummary("Staff: their communities' bookings (booker masked); anyone else: their own");
        anyone.MapGet("/bookings/{id:guid}", async (Guid id, RoomBookings b, CancellationToken ct) => OkOr(await b.GetAsync(id, ct)))
            .WithName("GetBooking");
        staff.MapPost("/bookings/{id:guid}/approve", (Guid id, RoomBookings b, HttpContext http, CancellationToken ct) =>
                WithIfMatch(http, v => b.ApproveAsync(id, v, ct)))
            .WithName("ApproveBooking").WithSummary("Approves a pending booking once; the booker is told");
        staff.MapPost("/bookings/{id:guid}/reject", (Guid id, DecideBookingRequest body, RoomBookings b, HttpContext http, CancellationToken ct) =>
                WithIfMatch(http, v => b.RejectAsync(id, body.Reason, v, ct)))
            .WithName("RejectBooking").WithSummary("Rejects a pending booking once, with a reason; the booker is told");
        anyone.MapPost("/bookings/{id:guid}/cancel", async (Guid id, DecideBookingRequest? body, RoomBookings b, CancellationToken ct) =>
                OkOr(await b.CancelAsync(id, body?.Reason, ct)))
            .WithName("CancelBooking").WithSummary("The booker cancels within the room's rule (409 cancellation_too_late); staff at any time with a reason");

        staff.MapGet("/duty/shifts", async (Guid centre, DutyRota d, CancellationToken ct) => OkOr(await d.ShiftsAsync(centre, ct)))
            .WithName("ListDutyShifts");
        staff.MapPost("/duty/shifts", async (SaveShiftRequest body, DutyRota d, CancellationToken ct) =>
                CreatedOr(await d.SaveShiftAsync(null, body, null, ct), s => $"/api/v1/duty/shifts/{s.Id}"))
            .WithName("CreateDutyShift").WithSummary("A shift of a centre and whether it is required on workdays, rest days and holidays");
        staff.MapGet("/duty/shifts/{id:guid}", async (Guid id, DutyRota d, HttpContext http, CancellationToken ct) => WithETag(http, await d.ShiftAsync(id, ct)))
            .WithName("GetDutyShift").WithSummary("One shift with its version (also in the ETag header)");
        staff.MapPut("/duty/shifts/{id:guid}", async (Guid id, SaveShiftRequest body, DutyRota d, HttpContext http, CancellationToken ct) =>
                IfMatchHeader.TryRead(http, out var expected) ? WithETag(http, await d.SaveShiftAsync(id, body, expected, ct)) : CentresErrors.Version().ToProblem())
            .WithName("UpdateDutyShift")
            .WithSummary("Edits a shift; with If-Match (the version read), 409 conflict when someone saved since (nothing changes), as every edit in the app");
        staff.MapGet("/duty/staff", async (Guid centre, DutyRota d, CancellationToken ct) => OkOr(await d.StaffAsync(centre, ct)))
            .WithName("ListDutyStaff").WithSummary("Staff accounts of the centre's community who may be on its rota");
        staff.MapGet("/duty/rota", async (Guid centre, DutyRota d, CancellationToken ct, DateOnly? from, DateOnly? to) => OkOr(await d.RotaAsync(centre, from, to, ct)))
            .WithName("GetDutyRota").WithSummary("Days × shifts with who is on duty and the gaps (default: 30 days from today)");
        staff.MapPost("/duty/assignments", async (AssignRequest body, DutyRota d, CancellationToken ct) =>
                CreatedOr(await d.AssignAsync(body, ct), a => $"/api/v1/duty/assignments/{a.Id}"))
            .WithName("AssignDuty").WithSummary("Puts a staff account of the community on a shift on a day");
        staff.MapDelete("/duty/assignments/{id:guid}", async (Guid id, DutyRota d, CancellationToken ct) => OkOr(await d.UnassignAsync(id, ct)))
            .WithName("UnassignDuty");
        staff.MapPost("/duty/fill", async (FillRequest body, DutyRota d, CancellationToken ct) => OkOr(await d.FillAsync(body, ct)))
            .WithName("FillDutyRota").WithSummary("Fills the required shifts of a period by rotating a list of staff");
        staff.MapGet("/duty/export", async (Guid centreId, CentresExport e, CancellationToken ct, string? month) => FileOr(await e.RotaAsync(centreId, month, ct)))
            .AllowConsoleCookieReads()
            .WithName("ExportDutyRota").WithSummary("Excel: a centre's rota for a month (yyyy-MM, default this month): date, day type, shift, who is on duty, post; gaps marked 空缺");
        staff.MapGet("/duty/gaps", async (DutyRota d, CancellationToken ct, string? division, int days = 14) => OkOr(await d.GapsAsync(division, days, ct)))
            .WithName("ListDutyGaps").WithSummary("Every required shift in the next N days (default 14) with nobody on it");
        staff.MapGet("/duty/swaps", async (DutyRota d, CancellationToken ct, Guid? centre) => OkOr(await d.SwapsAsync(centre, ct)))
            .WithName("ListDutySwaps");
        staff.MapPost("/duty/swaps", async (SwapRequest body, DutyRota d, CancellationToken ct) =>
                CreatedOr(await d.RequestSwapAsync(body, ct), s => $"/api/v1/duty/swaps/{s.Id}"))
            .WithName("RequestDutySwap").WithSummary("Asks to swap a duty with a colleague's (counterpartAssignmentId) or hand it over (counterpartUserId)");
        staff.MapPost("/duty/swaps/{id:guid}/approve", async (Guid id, DecideSwapRequest? body, DutyRota d, CancellationToken ct) =>
                OkOr(await d.ApproveSwapAsync(id, body?.Note, ct)))
            .WithName("ApproveDutySwap").WithSummary("The counterpart accepts, or a community manager approves: both duties change at once");
        staff.MapPost("/duty/swaps/{id:guid}/reject", async (Guid id, DecideSwapRequest? body, DutyRota d, CancellationToken ct) =>
                OkOr(await d.RejectSwapAsync(id, body?.Note, ct)))
            .WithName("RejectDutySwap").WithSummary("The counterpart or a manager rejects; the requester withdraws");
        open.MapGet("/duty/now", async (DutyRota d, CancellationToken ct, string? division) => TypedResults.Ok(await d.OnDutyNowAsync(division ?? "", ct)))
            .WithName("GetOnDutyNow").WithSummary("Who is on duty now at a community's centres (China time): display name and post only");
    }

    private static ProblemHttpResult? Parse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) { value = parsed; return null; }
        return Error.Validation($"未知状态 {text} / Unknown status {text}.").ToProblem();
    }
}
