using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;

namespace Jiceng.Web.Modules.Wishes.Features;

public sealed class WishOptions
{
    public const string Section = "Wishes";

    /// <summary>Days a claimant has to fulfil a wish before the claim expires (default: <see cref="Wish.DefaultClaimPeriod"/>).</summary>
    [Range(1, 365)] public int ClaimPeriodDays { get; set; } = (int)Wish.DefaultClaimPeriod.TotalDays;

    /// <summary>Off for tests that drive <see cref="WishClaimExpiry.CheckAsync"/> themselves.</summary>
    public bool ClaimExpiryEnabled { get; set; } = true;
}

public static class WishRoles
{
    /// <summary>Staff who review wishes, confirm for the wisher and see the figures of their subtree.</summary>
    public static readonly string[] Reviewers = [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff];
    public const string ReviewerPolicy = "wish-reviewers";

    /// <summary>Who may claim a wish: party members (在职党员 included) and co-building units.</summary>
    public static readonly string[] Claimants = [Roles.PartyMember, Roles.CoBuildingUnit];
    public const string ClaimantPolicy = "wish-claimants";

    /// <summary>Any signed-in account except the three administrators (they see no business data).</summary>
    public static readonly string[] Posters =
        [Roles.CountyAdmin, Roles.StreetStaff, Roles.CommunityStaff, Roles.GridWorker, Roles.DepartmentHandler, Roles.PartyMember, Roles.Volunteer, Roles.CoBuildingUnit, Roles.Resident];
    public const string PosterPolicy = "wish-posters";
}

public static class WishErrors
{
    public const string InvalidPhoneCode = "invalid_phone";
    public const string UnknownCategoryCode = "unknown_category";
    public const string UnknownDivisionCode = "unknown_division";
    public const string PhotoUnknownCode = "photo_unknown";
    public const string AlreadyClaimedCode = ErrorCodes.Conflict;

    public static readonly Error NotFound = Error.NotFound("Wish");
    public static readonly Error InvalidPhone = new(InvalidPhoneCode, 400, "手机号格式不正确 / wisherPhone must be a mainland mobile (11 digits, 1[3-9]…) or a landline (区号-号码).");
    public static readonly Error UnknownCategory = new(UnknownCategoryCode, 400, "未知的心愿类别 / Unknown category.");
    public static readonly Error UnknownDivision = new(UnknownDivisionCode, 400, "请选择（您范围内的）社区或村 / divisionCode must be a community or village (in your scope).");
    public static readonly Error PhotoUnknown = new(PhotoUnknownCode, 400, "照片不存在或不是您上传的 / The photo is not one you uploaded.");
    public static readonly Error AlreadyClaimed = Error.Conflict("该心愿已被认领 / The wish has already been claimed.");

    public static Error WrongState(WishStatus status, string what) =>
        Error.Conflict($"心愿当前为「{WishTexts.StatusZh(status)}」，不能{what} / The wish is {status} and cannot be changed this way.");
}

public static class WishTexts
{
    public static string StatusZh(WishStatus status) => status switch
    {
        WishStatus.PendingReview => "待审核",
        WishStatus.Rejected => "未通过",
        WishStatus.OnWall => "待认领",
        WishStatus.Claimed => "已认领",
        WishStatus.Fulfilled => "已点亮",
        WishStatus.Confirmed => "已确认",
        WishStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };
}

public sealed record PostWishRequest(string? Title, string? Description, string? DivisionCode, string? Category = null, decimal? BudgetEstimate = null,
    bool? ShowWisherName = null, string? WisherName = null, string? WisherPhone = null, string? PhotoKey = null);

public sealed record RejectWishRequest(string? Reason);
public sealed record ApproveWishRequest(string? Note);
public sealed record FulfilWishRequest(string? Note, decimal? Value, string? PhotoKey);
public sealed record ConfirmWishRequest(string? ThanksNote);

/// <summary>A wish as its wisher, claimant and staff see it: personal data masked.</summary>
public sealed record WishDto(Guid Id, string DivisionCode, string Title, string Description, string Category, WishStatus Status, decimal? BudgetEstimate,
    bool HasPhoto, string? WisherName, string? WisherPhone, bool ShowWisherName, bool PostedByStaff, bool IsMine, string? ReviewNote, DateTime? PublishedUtc,
    WishClaimantKind? ClaimantKind, string? ClaimantName, bool ClaimedByMe, DateTime? ClaimedUtc, DateTime? ClaimDeadlineUtc, int ClaimCount,
    DateTime? FulfilledUtc, string? FulfilmentNote, decimal? FulfilmentValue, bool HasEvidencePhoto, DateTime? ConfirmedUtc, string? ThanksNote,
    DateTime CreatedUtc, int Version);

/// <summary>A wish on the public wall: nothing personal beyond a masked name.</summary>
public sealed record WallWish(Guid Id, string DivisionCode, string Title, string Description, string Category, WishStatus Status, decimal? BudgetEstimate,
    string? WisherName, WishClaimantKind? ClaimantKind, string? ClaimantName, bool Fulfilled, bool Confirmed, string? ThanksNote, bool HasPhoto,
    bool HasEvidencePhoto, DateTime? PublishedUtc);

public sealed record WishFigures(int Posted, int OnWall, int Claimed, int Fulfilled, int Confirmed, decimal Value);
public sealed record WishFigureRow(string Key, string Name, WishFigures Figures);
public sealed record WishStatsDto(WishFigures Total, IReadOnlyList<WishFigureRow> Communities, IReadOnlyList<WishFigureRow> Claimants,
    IReadOnlyList<WishFigureRow> Units, IReadOnlyList<WishFigureRow> Months);
