using Jiceng.Web.Data;
using Jiceng.Web.Modules.Volunteering.Domain;
using Jiceng.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Volunteering.Features;

public sealed record SaveTeamRequest(string? DivisionCode, string? Name, VolunteerTeamKind? Kind, string? LeaderName, string? Description, bool? IsActive);

public sealed record TeamDto(Guid Id, string DivisionCode, string Name, VolunteerTeamKind Kind, string? LeaderName, string? Description, bool IsActive, int Members);

public sealed record AddMemberRequest(Guid? PersonId, string? UserName, string? Skills);

public sealed record TeamMemberDto(Guid Id, Guid TeamId, string NameMasked, bool HasAccount, string? Skills, DateTime JoinedUtc, DateTime? LeftUtc);

/// <summary>Volunteer teams of a community and their members (staff in scope; a volunteer may join an active team).</summary>
public sealed class VolunteerTeams(VolunteeringContext ctx)
{
    private AppDbContext Db => ctx.Db;

    public async Task<Result<TeamDto>> CreateAsync(SaveTeamRequest request, CancellationToken ct)
    {
        var area = await ctx.AreaInScopeAsync(request.DivisionCode, ct);
        if (!area.IsSuccess) return area.Error!;
        if (Validate(request) is { } invalid) return invalid;
        var team = new VolunteerTeam(area.Value!.Code, area.Value.Path, request.Name!.Trim(), request.Kind ?? VolunteerTeamKind.Other, ctx.UtcNow)
        {
            LeaderName = Clean(request.LeaderName), Description = Clean(request.Description),
        };
        Db.VolunteerTeams.Add(team);
        await Db.SaveChangesAsync(ct);
        return Dto(team, 0);
    }

    public async Task<Result<TeamDto>> UpdateAsync(Guid id, SaveTeamRequest request, CancellationToken ct)
    {
        var team = await Db.VolunteerTeams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Error.NotFound("Team");
        if (Validate(request) is { } invalid) return invalid;
        team.Name = request.Name!.Trim();
        if (request.Kind is { } kind) team.Kind = kind;
        team.LeaderName = Clean(request.LeaderName);
        team.Description = Clean(request.Description);
        if (request.IsActive is { } active) team.IsActive = active;
        await Db.SaveChangesAsync(ct);
        return Dto(team, await Db.VolunteerTeamMembers.CountAsync(m => m.TeamId == id && m.LeftUtc == null, ct));
    }

    public async Task<Result<List<TeamDto>>> ListAsync(string? division, CancellationToken ct)
    {
        var teams = Db.VolunteerTeams.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            var area = await ctx.AreaInScopeAsync(division, ct);
            if (!area.IsSuccess) return area.Error!;
            teams = teams.Where(t => t.DivisionCode == area.Value!.Code);
        }
        var rows = await teams.OrderBy(t => t.DivisionCode).ThenBy(t => t.Name).ToListAsync(ct);
        var ids = rows.Select(t => t.Id).ToList();
        var counts = await Db.VolunteerTeamMembers.AsNoTracking().Where(m => ids.Contains(m.TeamId) && m.LeftUtc == null)
            .GroupBy(m => m.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(t => Dto(t, counts.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<Result<List<TeamMemberDto>>> MembersAsync(Guid teamId, bool includeLeft, CancellationToken ct)
    {
        if (!await Db.VolunteerTeams.AnyAsync(t => t.Id == teamId, ct)) return Error.NotFound("Team");
        var members = Db.VolunteerTeamMembers.AsNoTracking().Where(m => m.TeamId == teamId);
        if (!includeLeft) members = members.Where(m => m.LeftUtc == null);
        var rows = await members.OrderBy(m => m.Name).ToListAsync(ct);
        return rows.Select(Dto).ToList();
    }

    /// <summary>Adds a resident (a person in scope) or an account (by user name) to a team.</summary>
    public async Task<Result<TeamMemberDto>> AddAsync(Guid teamId, AddMemberRequest request, CancellationToken ct)
    {
        var team = await Db.VolunteerTeams.SingleOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return Error.NotFound("Team");
        Guid? userId = null;
        Guid? personId = null;
        string name;
        if (request.PersonId is { } pid)
        {
            var person = await Db.People.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.Name, p.UserId }).SingleOrDefaultAsync(ct);
            if (person is null) return Error.NotFound("Person");
            (personId, userId, name) = (person.Id, person.UserId, person.Name);
        }
        else if (!string.IsNullOrWhiteSpace(request.UserName))
        {
            var un = request.UserName.Trim();
            var account = await Db.Users.AsNoTracking().Where(u => u.UserName == un).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
            if (account is null) return Error.NotFound("Account");
            userId = account.Id;
            name = account.DisplayName;
        }
        else return Error.Validation("请选择人员或账号 / Give a person or an account.");
        return await JoinAsync(team, userId, personId, name, request.Skills, ct);
    }

    /// <summary>The caller joins an active team themselves (the team is read by id only: its existence is not secret).</summary>
    public async Task<Result<TeamMemberDto>> JoinSelfAsync(Guid teamId, string? skills, CancellationToken ct)
    {
        var team = await Db.VolunteerTeams.IgnoreQueryFilters([AppDbContext.ScopeFilter]).SingleOrDefaultAsync(t => t.Id == teamId && t.IsActive, ct);
        if (team is null) return Error.NotFound("Team");
        var (personId, name) = await ctx.MeAsync(ct);
        return await JoinAsync(team, ctx.User.UserId, personId, name, skills, ct);
    }

    private async Task<Result<TeamMemberDto>> JoinAsync(VolunteerTeam team, Guid? userId, Guid? personId, string name, string? skills, CancellationToken ct)
    {
        if (skills?.Trim().Length > 200) return Error.Validation("技能最多 200 字 / Skills: at most 200 characters.");
        var existing = await Db.VolunteerTeamMembers.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(m => m.TeamId == team.Id && ((userId != null && m.UserId == userId) || (personId != null && m.PersonId == personId))).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (existing.LeftUtc is null) return Error.Conflict("已是该队成员 / Already a member of this team.");
            existing.LeftUtc = null; // rejoining keeps one row per account (unique index)
            existing.Skills = Clean(skills) ?? existing.Skills;
            await Db.SaveChangesAsync(ct);
            return Dto(existing);
        }
        var member = new VolunteerTeamMember(team, name.Length > 50 ? name[..50] : name, userId, personId, ctx.UtcNow) { Skills = Clean(skills) };
        Db.VolunteerTeamMembers.Add(member);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("已是该队成员 / Already a member of this team.");
        }
        return Dto(member);
    }

    public async Task<Result<TeamMemberDto>> RemoveAsync(Guid teamId, Guid memberId, CancellationToken ct)
    {
        if (!await Db.VolunteerTeams.AnyAsync(t => t.Id == teamId, ct)) return Error.NotFound("Team");
        var member = await Db.VolunteerTeamMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.TeamId == teamId, ct);
        if (member is null) return Error.NotFound("Member");
        member.LeftUtc ??= ctx.UtcNow;
        await Db.SaveChangesAsync(ct);
        return Dto(member);
    }

    private static Error? Validate(SaveTeamRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) return Error.Validation("队名须为 1–100 字 / The name must be 1–100 characters.");
        if (r.Kind is { } k && !Enum.IsDefined(k)) return Error.Validation("队伍类型无效 / Unknown team kind.");
        if (r.LeaderName?.Trim().Length > 50) return Error.Validation("队长姓名最多 50 字 / Leader: at most 50 characters.");
        if (r.Description?.Trim().Length > 500) return Error.Validation("简介最多 500 字 / Description: at most 500 characters.");
        return null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static TeamDto Dto(VolunteerTeam t, int members) =>
        new(t.Id, t.DivisionCode, t.Name, t.Kind, VolunteeringContext.Masked(t.LeaderName), t.Description, t.IsActive, members);

    private static TeamMemberDto Dto(VolunteerTeamMember m) =>
        new(m.Id, m.TeamId, VolunteeringContext.Masked(m.Name) ?? "", m.UserId is not null, m.Skills, m.JoinedUtc, m.LeftUtc);
}
