using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jiceng.Web.Data;

/// <summary>
/// Money is stored in fen (cents) as an integer: exact, and sortable and summable in SQLite, which has no decimal type.
/// Works for nullable properties too (EF never passes null to a converter).
/// </summary>
public static class Money
{
    public static readonly ValueConverter<decimal, long> AsFen = new(v => (long)Math.Round(v * 100), v => v / 100m);
}
