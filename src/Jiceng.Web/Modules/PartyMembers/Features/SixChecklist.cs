using Jiceng.Web.Data;
using Jiceng.Web.Modules.Care.Domain;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Jiceng.Web.Platform.Time;
using Jiceng.Web.Modules.Residents.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.PartyMembers.Features;

/// <summary>The six items of "六个一", in the seeds' order.</summary>
public static class SixItems
{
    public const string OrganisationLife = "organisation_life";
    public const string CadreDiscussion = "cadre_discussion";
    public const string Survey = "survey";
    public const string MicroWish = "micro_wish";
    public const string VolunteerDay = "volunteer_day";
    public const string FamilyPaired = "family_paired";

    public static readonly IReadOnlyList<string> All = [OrganisationLife, CadreDiscussion, Survey, MicroWish, VolunteerDay, FamilyPaired];

    public static string ForKind(MemberSessionKind kind) => kind switch
    {
        MemberSessionKind.CadreDiscussion => CadreDiscussion,
        MemberSessionKind.Survey => Survey,
        _ => OrganisationLife,
    };
}

/// <summary>A record that completes an item: what kind of record, which one, its China date and a text without anyone else's personal data.</summary>
public sealed record SixEvidence(string Source, Guid RecordId, DateOnly Date, string Text);

public sealed record SixItem(string Code, bool Done, List<SixEvidence> Evidence);

public sealed record SixChecklistDto(Guid? RegistrationId, int Year, string MemberName, RegistrationStatus? Status, int DoneCount, List<SixItem> Items);

/// <summary>Whose checklist: the member's account and their person record (either may be missing).</summary>
public sealed record SixMember(Guid? UserId, Guid? PersonId);

/// <summary>
/// "六个一" derived from the records, never ticked: session attendance, claimed wishes, credited volunteer service,
/// help plans and care visits. Each source is queried once for all the members asked for.
///
/// The sources are read past the data scope filter on purpose: the caller has already been shown the registration
/// (through the filter), and what is returned of each record is only its id, its date and a text that names no one
/// else (a wish's title, an activity's title, a helped person's masked name) — the caller is looking at the member's own
/// deeds, which may lie in another community.
/// </summary>
public sealed class SixChecklist(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public static class Sources
    {
        public const string Session = "session";
        public const string Wish = "wish";
        public const string Activity = "activity";
        public const string HoursClaim = "hours_claim";
        public const string HelpPlan = "help_plan";
        public const string CareVisit = "care_visit";
    }

    /// <summary>The caller's own checklist: their open (or latest) registration, or just their account when they have none.</summary>
    public async Task<Result<SixChecklistDto>> MineAsync(int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        if (user.UserId is not { } me) return Error.Forbidden();
        var registrations = await db.MemberRegistrations.AsNoTracking().Where(r => r.UserId == me).ToListAsync(ct);
        var registration = registrations.OrderBy(r => r.Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed ? 0 : 1)
            .ThenByDescending(r => r.RequestedUtc).FirstOrDefault();
        var person = registration?.PersonId ?? await db.OwnPersonRecord(me).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var name = registration?.MemberName ?? await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        var items = await DeriveAsync([new SixMember(me, person)], resolved.Value, ct);
        return Build(registration?.Id, resolved.Value, name, registration?.Status, items[0]);
    }

    /// <summary>A registration's checklist for whoever can see the registration (staff in scope, the member, the employer unit).</summary>
    public async Task<Result<SixChecklistDto>> ForRegistrationAsync(Guid id, int? year, CancellationToken ct)
    {
        var resolved = PartyYear.Resolve(year, time);
        if (!resolved.IsSuccess) return resolved.Error!;
        var registration = await db.MemberRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (registration is null) return Error.NotFound("Registration");
        var items = await DeriveAsync([new SixMember(registration.UserId, registration.PersonId)], resolved.Value, ct);
        var name = registration.UserId == user.UserId ? registration.MemberName : Mask.Name(registration.MemberName) ?? "";
        return Build(registration.Id, resolved.Value, name, registration.Status, items[0]);
    }

    private static SixChecklistDto Build(Guid? registrationId, PartyYear year, string name, RegistrationStatus? status, List<SixItem> items) =>
        new(registrationId, year.Year, name, status, items.Count(i => i.Done), items);

    /// <summary>Each member's six items (in <see cref="SixItems.All"/> order), in the order the members were given.</summary>
    public async Task<List<List<SixItem>>> DeriveAsync(IReadOnlyList<SixMember> members, PartyYear year, CancellationToken ct)
    {
        var userIds = members.Select(m => m.UserId).OfType<Guid>().Distinct().ToList();
        var personIds = members.Select(m => m.PersonId).OfType<Guid>().Distinct().ToList();
        var (first, last, startUtc, endUtc) = (year.FirstDay, year.LastDay, year.StartUtc, year.EndUtc);
        var evidence = new List<(Guid? UserId, Guid? PersonId, string Item, SixEvidence Evidence)>();

        if (userIds.Count > 0)
        {
            var attended = await (from a in Unscoped<MemberSessionAttendance>()
                                  join s in Unscoped<MemberSession>() on a.SessionId equals s.Id
                                  where a.UserId != null && userIds.Contains(a.UserId.Value) && a.HeldOn >= first && a.HeldOn <= last
                                  select new { a.UserId, a.Kind, a.HeldOn, s.Id, s.Title }).ToListAsync(ct);
            evidence.AddRange(attended.Select(a => (a.UserId, (Guid?)null, SixItems.ForKind(a.Kind), new SixEvidence(Sources.Session, a.Id, a.HeldOn, a.Title))));

            var claimed = Wish.ClaimedStatuses.ToList();
            var wishes = await Unscoped<Wish>()
                .Where(w => w.ClaimantUserId != null && userIds.Contains(w.ClaimantUserId.Value) && claimed.Contains(w.Status)
                    && w.ClaimedUtc >= startUtc && w.ClaimedUtc < endUtc)
                .Select(w => new { w.ClaimantUserId, w.Id, w.ClaimedUtc, w.Title }).ToListAsync(ct);
            evidence.AddRange(wishes.Select(w => (w.ClaimantUserId, (Guid?)null, SixItems.MicroWish,
                new SixEvidence(Sources.Wish, w.Id, WorkingCalendar.LocalDate(w.ClaimedUtc!.Value), w.Title))));

            var claims = await Unscoped<VolunteerHoursClaim>()
                .Where(c => c.UserId != null && userIds.Contains(c.UserId.Value) && c.Status == HoursClaimStatus.Approved && c.ServedOn >= first && c.ServedOn <= last)
                .Select(c => new { c.UserId, c.Id, c.ServedOn, c.Minutes }).ToListAsync(ct);
            evidence.AddRange(claims.Select(c => (c.UserId, (Guid?)null, SixItems.VolunteerDay,
                new SixEvidence(Sources.HoursClaim, c.Id, c.ServedOn, Hours(c.Minutes)))));
        }

        if (userIds.Count > 0 || personIds.Count > 0)
        {
            var signups = await (from s in Unscoped<ActivitySignup>()
                                 join a in Unscoped<VolunteerActivity>() on s.ActivityId equals a.Id
                                 where ((s.UserId != null && userIds.Contains(s.UserId.Value)) || (s.PersonId != null && personIds.Contains(s.PersonId.Value)))
                                     && s.CreditedMinutes > 0 && s.Status == SignupStatus.SignedUp
                                     && s.ActivityStartUtc >= startUtc && s.ActivityStartUtc < endUtc
                                 select new { s.UserId, s.PersonId, a.Id, s.ActivityStartUtc, a.Title, s.CreditedMinutes }).ToListAsync(ct);
            evidence.AddRange(signups.Select(s => (s.UserId, s.PersonId, SixItems.VolunteerDay,
                new SixEvidence(Sources.Activity, s.Id, WorkingCalendar.LocalDate(s.ActivityStartUtc), $"{s.Title} · {Hours(s.CreditedMinutes)}"))));

            var visits = await (from v in Unscoped<CareVisit>()
                                join p in Unscoped<Residents.Domain.Person>() on v.PersonId equals p.Id
                                where ((v.VisitorUserId != null && userIds.Contains(v.VisitorUserId.Value)) || (v.VisitorPersonId != null && personIds.Contains(v.VisitorPersonId.Value)))
                                    && v.VisitedUtc >= startUtc && v.VisitedUtc < endUtc
                                select new { v.VisitorUserId, v.VisitorPersonId, v.Id, v.VisitedUtc, p.Name }).ToListAsync(ct);
            evidence.AddRange(visits.Select(v => (v.VisitorUserId, v.VisitorPersonId, SixItems.FamilyPaired,
                new SixEvidence(Sources.CareVisit, v.Id, WorkingCalendar.LocalDate(v.VisitedUtc), "走访慰问 " + Mask.Name(v.Name)))));
        }

        if (personIds.Count > 0)
        {
            // A plan counts for the year when it existed in it and was still open then (active, or closed after the year began).
            var plans = await (from plan in Unscoped<HelpPlan>()
                               from helper in plan.Helpers
                               join p in Unscoped<Residents.Domain.Person>() on plan.PersonId equals p.Id
                               where personIds.Contains(helper.HelperPersonId) && plan.CreatedUtc < endUtc
                                   && (plan.Status == HelpPlanStatus.Active || plan.UpdatedUtc >= startUtc)
                               select new { helper.HelperPersonId, plan.Id, plan.CreatedUtc, p.Name }).ToListAsync(ct);
            evidence.AddRange(plans.Select(p => ((Guid?)null, (Guid?)p.HelperPersonId, SixItems.FamilyPaired,
                new SixEvidence(Sources.HelpPlan, p.Id, p.CreatedUtc < startUtc ? first : WorkingCalendar.LocalDate(p.CreatedUtc), "结对帮扶 " + Mask.Name(p.Name)))));
        }

        return members.Select(m =>
        {
            var mine = evidence.Where(e => (m.UserId is not null && e.UserId == m.UserId) || (m.PersonId is not null && e.PersonId == m.PersonId)).ToList();
            return SixItems.All.Select(code =>
            {
                var items = mine.Where(e => e.Item == code).Select(e => e.Evidence).DistinctBy(e => (e.Source, e.RecordId)).OrderBy(e => e.Date).ToList();
                return new SixItem(code, items.Count > 0, items);
            }).ToList();
        }).ToList();
    }

    private IQueryable<T> Unscoped<T>() where T : class => db.Set<T>().IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking();

    private static string Hours(int minutes) => $"{minutes / 60.0:0.#} 小时";
}
