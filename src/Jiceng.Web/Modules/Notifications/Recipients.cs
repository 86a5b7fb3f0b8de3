using Jiceng.Web.Data;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Notifications;

/// <summary>Who the background jobs tell about a community's business.</summary>
public static class Recipients
{
    /// <summary>The enabled community-staff accounts of a community.</summary>
    public static Task<List<Guid>> CommunityStaffAsync(AppDbContext db, string divisionCode, CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.DivisionCode == divisionCode && r.Name == Roles.CommunityStaff && !u.IsDisabled
         select u.Id).Distinct().ToListAsync(ct);
}
