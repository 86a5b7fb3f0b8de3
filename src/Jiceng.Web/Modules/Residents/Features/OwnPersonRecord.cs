using Jiceng.Web.Data;
using Jiceng.Web.Modules.Residents.Domain;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

public static class OwnPersonRecordQuery
{
    /// <summary>
    /// The signed-in account's own person record (<see cref="Person.UserId"/>). Party members, volunteers and residents
    /// have Self scope, which hides every division-scoped person from them, their own included; this is the one read
    /// past the filter for them, and it can only return the caller's own row (oldest first, should there be two).
    /// </summary>
    public static IQueryable<Person> OwnPersonRecord(this AppDbContext db, Guid userId) =>
        db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.CreatedUtc);
}
