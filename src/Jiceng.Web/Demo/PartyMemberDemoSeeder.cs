using Jiceng.Web.Data;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Demo;

/// <summary>
/// Demo 双报到 registrations (the demo party member confirmed in 团结社区, a few in-service party members of the grid
/// seed, one still pending), and this year's organisation life, discussion with cadres and survey with attendance, so
/// the checklists show a mix of done and not done. The grid seed's members get accounts without a password (records
/// only; nobody signs in as them). Skipped when any registration exists, so a second start changes nothing.
/// </summary>
public sealed class PartyMemberDemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider time)
{
    private const int GridMembersToRegister = 3;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.MemberRegistrations.AnyAsync(cancellationToken)) return;
        var communities = await db.Divisions.Where(d => d.Code == DemoSeeder.TuanjieCommunity || d.Code == DemoSeeder.YuxiCommunity)
            .ToDictionaryAsync(d => d.Code, d => d.Path, cancellationToken);
        if (!communities.TryGetValue(DemoSeeder.TuanjieCommunity, out var tuanjiePath)) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.LocalDate(now);
        var units = await db.CoBuildingUnits.Select(u => new { u.Id, u.Name, u.PartyOrganisationName }).ToListAsync(cancellationToken);
        var staff = await db.Users.Where(u => u.UserName == "demo-community-a").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        var registrations = new List<MemberRegistration>();

        MemberRegistration Register(Guid userId, Person person, string divisionPath, string employer, string? skills, bool confirm)
        {
            var unit = units.FirstOrDefault(u => u.Name == employer);
            var registration = new MemberRegistration(userId, person.DivisionCode, divisionPath, person.SealedName ?? person.Name, now.AddDays(-40))
            {
                PersonId = person.Id,
                UnitId = unit?.Id,
                EmployerName = employer,
                EmployerPartyOrganisation = unit?.PartyOrganisationName ?? employer + "党支部",
                Skills = skills,
            };
            if (confirm)
            {
                registration.Status = RegistrationStatus.Confirmed;
                registration.DecidedUtc = now.AddDays(-38);
                registration.DecidedByUserId = staff;
                registration.DecisionNote = "欢迎到社区报到，请按“六个一”要求参加社区活动";
            }
            db.MemberRegistrations.Add(registration);
            registrations.Add(registration);
            return registration;
        }

        // The demo party member (王红梅, 大箐山县自然资源局), confirmed in 团结社区.
        var demoParty = await db.Users.Where(u => u.UserName == "demo-party").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
        MemberRegistration? wang = null;
        if (demoParty is { } partyId && await db.People.Where(p => p.UserId == partyId).OrderBy(p => p.CreatedUtc).FirstOrDefaultAsync(cancellationToken) is { } wangPerson)
        {
            wang = Register(partyId, wangPerson, wangPerson.DivisionPath, PartyBuildingDemoSeeder.DemoUnitName, "政策宣讲、不动产登记咨询", confirm: true);
        }

        // In-service party members of the grid seed: accounts for the records, registrations with their employers.
        var inService = await (from role in db.PersonRoles
                               join person in db.People on role.PersonId equals person.Id
                               where role.Kind == PersonRoleKind.PartyMember && role.InService && person.UserId == null && person.ErasedUtc == null
                                   && (person.DivisionCode == DemoSeeder.TuanjieCommunity || person.DivisionCode == DemoSeeder.YuxiCommunity)
                               orderby person.DivisionCode, person.Name
                               select new { Person = person, role.Employer }).ToListAsync(cancellationToken);
        var chosen = inService.Where(m => m.Person.DivisionCode == DemoSeeder.TuanjieCommunity).Take(GridMembersToRegister - 1)
            .Concat(inService.Where(m => m.Person.DivisionCode == DemoSeeder.YuxiCommunity).Take(1)).ToList();
        var skills = new[] { "家电维修", "四点半课堂辅导", "健康义诊" };
        var gridMembers = new List<MemberRegistration>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var (person, employer) = (chosen[i].Person, chosen[i].Employer ?? "带岭镇中心小学");
            var account = new AppUser
            {
                Id = Guid.NewGuid(), UserName = $"demo-party-{i + 2}", DisplayName = person.SealedName ?? person.Name, DivisionCode = person.DivisionCode,
                LockoutEnabled = true, CreatedUtc = now,
            };
            if (!(await users.CreateAsync(account)).Succeeded) continue;
            await users.AddToRoleAsync(account, Roles.PartyMember);
            person.UserId = account.Id;
            gridMembers.Add(Register(account.Id, person, communities[person.DivisionCode], employer, skills[i % skills.Length], confirm: true));
        }
        // The last 团结 member's registration still waits for the community (the console shows a pending one).
        var pending = gridMembers.Where(r => r.DivisionCode == DemoSeeder.TuanjieCommunity).Skip(1).FirstOrDefault();
        if (pending is not null)
        {
            pending.Status = RegistrationStatus.Pending;
            pending.DecidedUtc = null;
            pending.DecidedByUserId = null;
            pending.DecisionNote = null;
        }
        await db.SaveChangesAsync(cancellationToken);

        // This year's occasions in 团结社区 (dates not after today).
        DateOnly Day(int month, int day) => new DateOnly(today.Year, month, day) is var d && d <= today ? d : today;
        var sessions = new (MemberSessionKind Kind, string Title, DateOnly HeldOn, string Place, string Summary)[]
        {
            (MemberSessionKind.OrganisationLife, "“双报到”在职党员主题党日", Day(3, 5), "团结社区党群服务中心", "学习党的二十大精神，在职党员认领社区服务岗位"),
            (MemberSessionKind.CadreDiscussion, "在职党员与社区“两委”干部座谈", Day(4, 18), "团结社区会议室", "围绕老旧小区改造和停车难听取意见建议"),
            (MemberSessionKind.Survey, "背街小巷环境整治入户调研", Day(5, 22), "团结社区第二网格", "走访居民38户，梳理问题清单12条"),
        };
        var confirmed = registrations.Where(r => r.Status == RegistrationStatus.Confirmed && r.DivisionCode == DemoSeeder.TuanjieCommunity).ToList();
        foreach (var (kind, title, heldOn, place, summary) in sessions)
        {
            var session = new MemberSession(DemoSeeder.TuanjieCommunity, tuanjiePath, kind, title, heldOn, now) { Place = place, Summary = summary, CreatedByUserId = staff };
            db.MemberSessions.Add(session);
            // 王红梅 misses the discussion (the other 团结 members attend it) and does the survey.
            var attendees = kind switch
            {
                MemberSessionKind.CadreDiscussion => confirmed.Where(r => r != wang),
                MemberSessionKind.Survey => confirmed.Where(r => r == wang),
                _ => confirmed,
            };
            foreach (var registration in attendees)
                db.MemberSessionAttendance.Add(new MemberSessionAttendance(session, registration, now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
