using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Wishes.Domain;

/// <summary>
/// The life of a micro-wish (微心愿). Posted wishes wait for review; approved ones are on the community's wall (心愿墙)
/// until someone claims one; a claim is released (or expires at its deadline) back to the wall, or fulfilled with
/// evidence and then confirmed by the wisher or staff.
/// </summary>
public enum WishStatus
{
    PendingReview = 0,
    Rejected = 1,
    OnWall = 2,
    Claimed = 3,
    Fulfilled = 4,
    Confirmed = 5,
    Withdrawn = 6,
}

/// <summary>Who claimed a wish: a party member (在职党员 included) or a co-building unit.</summary>
public enum WishClaimantKind
{
    PartyMember = 0,
    CoBuildingUnit = 1,
}

/// <summary>The categories a wish is filed under; codes are stored, texts come from the module's text files.</summary>
public static class WishCategories
{
    public static readonly IReadOnlyList<string> All =
        ["daily_goods", "study", "elderly_disabled", "health", "employment", "environment", "culture", "other"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>
/// A micro-wish of one community. The wisher's name and phone are personal data: the phone is sealed, the name is
/// shown on the public wall only when <see cref="ShowWisherName"/> is set (and then masked); nothing else personal is
/// ever public. <see cref="Version"/> guards edits; claims use a conditional update (exactly one winner).
/// </summary>
public sealed class Wish : IDivisionScoped
{
    /// <summary>How long a claimant has to fulfil a wish before the claim expires and the wish returns to the wall.</summary>
    public static readonly TimeSpan DefaultClaimPeriod = TimeSpan.FromDays(30);

    private Wish() { }

    public Wish(string divisionCode, string divisionPath, string title, string description, string category, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Title = title;
        Description = description;
        Category = category;
        Status = WishStatus.PendingReview;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    /// <summary>The community whose wall shows the wish.</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? GridId { get; set; }

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>A code of <see cref="WishCategories"/>.</summary>
    public string Category { get; set; } = "other";
    /// <summary>The wisher's estimate of the cost in yuan (kept in memory for sums: SQLite has no decimal arithmetic).</summary>
    public decimal? BudgetEstimate { get; set; }
    /// <summary>Photo of the wish (file store key), shown on the wall once approved.</summary>
    public string? PhotoKey { get; set; }

    /// <summary>The wisher as they gave their name.</summary>
    public string? WisherName { get; set; }
    /// <summary>Sealed: the wisher's phone, for the claimant's and staff's contact (masked on screen).</summary>
    public string? WisherPhone { get; set; }
    /// <summary>Whether the wall may show the wisher's (masked) name.</summary>
    public bool ShowWisherName { get; set; }
    /// <summary>The wisher's account when they posted on the portal signed in; they can then confirm themselves.</summary>
    public Guid? WisherUserId { get; set; }
    /// <summary>The wisher's person record, when staff posted for a known resident.</summary>
    public Guid? WisherPersonId { get; set; }
    /// <summary>The account that posted it (a resident, or community staff posting for someone).</summary>
    public Guid? PostedByUserId { get; set; }
    /// <summary>Staff posted it on someone's behalf (from the 心声角 or a visit).</summary>
    public bool PostedByStaff { get; set; }

    public WishStatus Status { get; set; }
    public Guid? ReviewedByUserId { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    /// <summary>Why it was rejected (told to the wisher), or a note on approval.</summary>
    public string? ReviewNote { get; set; }
    public DateTime? PublishedUtc { get; set; }

    public WishClaimantKind? ClaimantKind { get; set; }
    /// <summary>The claiming account (a party member, or a unit's account).</summary>
    public Guid? ClaimantUserId { get; set; }
    /// <summary>The claiming co-building unit, when a unit claimed (counts per unit).</summary>
    public Guid? ClaimantUnitId { get; set; }
    /// <summary>The party member's person record, when known (counts per person, "六个一").</summary>
    public Guid? ClaimantPersonId { get; set; }
    /// <summary>Shown on the wall: the member's masked name or the unit's name.</summary>
    public string? ClaimantName { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    /// <summary>Fulfil by this time, or the claim expires and the wish returns to the wall.</summary>
    public DateTime? ClaimDeadlineUtc { get; set; }
    /// <summary>How many times the wish was claimed (released and expired claims included).</summary>
    public int ClaimCount { get; set; }

    public DateTime? FulfilledUtc { get; set; }
    public string? FulfilmentNote { get; set; }
    /// <summary>Value of what was given, in yuan.</summary>
    public decimal? FulfilmentValue { get; set; }
    public string? FulfilmentPhotoKey { get; set; }

    public DateTime? ConfirmedUtc { get; set; }
    public Guid? ConfirmedByUserId { get; set; }
    /// <summary>Public thanks shown on the wall (no personal data).</summary>
    public string? ThanksNote { get; set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; private set; }

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }

    /// <summary>The statuses the public wall shows.</summary>
    public static readonly IReadOnlyList<WishStatus> PublicStatuses = [WishStatus.OnWall, WishStatus.Claimed, WishStatus.Fulfilled, WishStatus.Confirmed];

    /// <summary>The statuses in which the wish counts as claimed ("认领") by its claimant.</summary>
    public static readonly IReadOnlyList<WishStatus> ClaimedStatuses = [WishStatus.Claimed, WishStatus.Fulfilled, WishStatus.Confirmed];
}
