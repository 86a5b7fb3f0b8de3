using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.ElderlyChildren.Domain;

/// <summary>A community canteen (社区食堂).</summary>
public sealed class Canteen : IDivisionScoped
{
    private Canteen() { }

    public Canteen(string divisionCode, string divisionPath, string name, string place, string mealTimes, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        Place = place;
        MealTimes = mealTimes;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public string Place { get; set; } = "";
    /// <summary>Opening times of the meals, as shown to residents (早餐 7:00–8:30；午餐 11:00–12:30 …).</summary>
    public string MealTimes { get; set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; set; }

    /// <summary>When it was taken out of service; null while it is in service. History (orders, checks, enrolments) stays.</summary>
    public DateTime? DeactivatedUtc { get; private set; }
    public bool IsActive => DeactivatedUtc is null;

    public void Deactivate(DateTime nowUtc) => DeactivatedUtc ??= nowUtc;
    public void Reactivate() => DeactivatedUtc = null;
}

/// <summary>How a subsidy band's shares are given.</summary>
public enum ShareKind
{
    /// <summary>Shares are amounts in fen per meal.</summary>
    FixedFen,
    /// <summary>Shares are whole percentages of the meal's list price (rounded down to the fen).</summary>
    Percent,
}

/// <summary>
/// One row of a canteen's "三个一点" table: who it applies to (an age band at the meal date and/or a key group tag) and
/// what the government and the community pay of a meal; the elderly pay the rest.
/// </summary>
public sealed class CanteenSubsidyBand : IDivisionScoped
{
    private CanteenSubsidyBand() { }

    public CanteenSubsidyBand(Canteen canteen, string label, int? minAge, int? maxAge, string? statusCode, ShareKind kind, long governmentShare, long communityShare)
    {
        Id = Guid.NewGuid();
        CanteenId = canteen.Id;
        DivisionPath = canteen.DivisionPath;
        Label = label;
        MinAge = minAge;
        MaxAge = maxAge;
        StatusCode = statusCode;
        Kind = kind;
        GovernmentShare = governmentShare;
        CommunityShare = communityShare;
    }

    public Guid Id { get; private set; }
    public Guid CanteenId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public string Label { get; private set; } = "";
    public int? MinAge { get; private set; }
    public int? MaxAge { get; private set; }
    /// <summary>A key group code the person must carry (dibao, tekun, very-old); null: any.</summary>
    public string? StatusCode { get; private set; }
    public ShareKind Kind { get; private set; }
    public long GovernmentShare { get; private set; }
    public long CommunityShare { get; private set; }
}

public enum Meal
{
    Breakfast,
    Lunch,
    Dinner,
}

/// <summary>One meal on a canteen's menu of a day: the dishes and the list price.</summary>
public sealed class CanteenMenuItem : IDivisionScoped
{
    private CanteenMenuItem() { }

    public CanteenMenuItem(Canteen canteen, DateOnly date, Meal meal, TimeOnly servedFrom, string title, string dishes, long priceFen)
    {
        Id = Guid.NewGuid();
        CanteenId = canteen.Id;
        DivisionPath = canteen.DivisionPath;
        Date = date;
        Meal = meal;
        ServedFrom = servedFrom;
        Title = title;
        Dishes = dishes;
        PriceFen = priceFen;
    }

    public Guid Id { get; private set; }
    public Guid CanteenId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    /// <summary>China calendar day.</summary>
    public DateOnly Date { get; private set; }
    public Meal Meal { get; private set; }
    /// <summary>China local time the meal is served from; orders can be cancelled until then.</summary>
    public TimeOnly ServedFrom { get; private set; }
    public string Title { get; private set; } = "";
    public string Dishes { get; private set; } = "";
    public long PriceFen { get; private set; }
}

public enum MealOrderStatus
{
    Ordered,
    Cancelled,
}

/// <summary>
/// A meal ordered for a resident, with the "三个一点" split computed once at order time and kept (a later change of
/// the rules does not rewrite it). Owned by the resident's account when they have one, so they see their own orders.
/// </summary>
public sealed class MealOrder : IUserOwned
{
    private MealOrder() { }

    public MealOrder(Canteen canteen, CanteenMenuItem item, Guid personId, string personName, Guid? userId, DateTime mealUtc,
        long elderlyFen, long governmentFen, long communityFen, string? bandLabel, Guid? orderedByUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        CanteenId = canteen.Id;
        MenuItemId = item.Id;
        DivisionCode = canteen.DivisionCode;
        DivisionPath = canteen.DivisionPath;
        PersonId = personId;
        PersonName = personName;
        UserId = userId;
        MealDate = item.Date;
        Meal = item.Meal;
        MealUtc = mealUtc;
        Title = item.Title;
        PriceFen = item.PriceFen;
        ElderlyFen = elderlyFen;
        GovernmentFen = governmentFen;
        CommunityFen = communityFen;
        BandLabel = bandLabel;
        OrderedByUserId = orderedByUserId;
        OrderedUtc = nowUtc;
        Status = MealOrderStatus.Ordered;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid CanteenId { get; private set; }
    public Guid MenuItemId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid PersonId { get; private set; }
    /// <summary>The person's shown name at order time (already masked for a child).</summary>
    public string PersonName { get; private set; } = "";
    public Guid? UserId { get; private set; }
    /// <summary>China calendar day of the meal: the settlement month is this day's month.</summary>
    public DateOnly MealDate { get; private set; }
    public Meal Meal { get; private set; }
    public DateTime MealUtc { get; private set; }
    public string Title { get; private set; } = "";
    public long PriceFen { get; private set; }
    public long ElderlyFen { get; private set; }
    public long GovernmentFen { get; private set; }
    public long CommunityFen { get; private set; }
    public string? BandLabel { get; private set; }
    public Guid? OrderedByUserId { get; private set; }
    public DateTime OrderedUtc { get; private set; }
    public MealOrderStatus Status { get; private set; }
    public DateTime? CancelledUtc { get; private set; }
    public int Version { get; private set; }

    public void Cancel(DateTime nowUtc)
    {
        Status = MealOrderStatus.Cancelled;
        CancelledUtc = nowUtc;
        Version++;
    }
}
