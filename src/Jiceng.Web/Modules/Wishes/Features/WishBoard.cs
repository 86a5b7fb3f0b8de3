using System.Security.Claims;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Modules.Wishes.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Modules.Wishes.Features;

/// <summary>
/// The life of a micro-wish: post, review, claim (exactly one winner, decided by a conditional update in the database),
/// release, fulfil with evidence, confirm. Reads go through the central scope filter (staff subtree, the wisher, the
/// claimant); only the public wall reads past it, and projects public fields only.
/// </summary>
public sealed class WishBoard(AppDbContext db, CurrentUser user, TimeProvider time, AuditTrail audit, WishPhotos photos, IOptions<WishOptions> options)
{
    public const int MaxPageSize = 100;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private bool IsStaff => user.Scope.Kind == DataScopeKind.DivisionSubtree;
    private bool IsReviewer => IsStaff && WishRoles.Reviewers.Any(user.Principal.IsInRole);

    public async Task<Result<WishDto>> PostAsync(PostWishRequest r, CancellationToken ct)
    {
        var title = r.Title?.Trim();
        var description = r.Description?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 100) return Error.Validation("心愿标题须为 1–100 字 / title must have 1–100 characters.");
        if (string.IsNullOrEmpty(description) || description.Length > 2000) return Error.Validation("心愿描述须为 1–2000 字 / description must have 1–2000 characters.");
        var category = string.IsNullOrWhiteSpace(r.Category) ? "other" : r.Category.Trim();
        if (!WishCategories.IsKnown(category)) return WishErrors.UnknownCategory;
        if (r.BudgetEstimate is < 0 or > 1_000_000) return Error.Validation("预算须在 0–1000000 元之间 / budgetEstimate must be between 0 and 1,000,000 yuan.");
        var name = string.IsNullOrWhiteSpace(r.WisherName) ? null : r.WisherName.Trim();
        if (name is { Length: > 50 }) return Error.Validation("姓名最多 50 字 / wisherName may have at most 50 characters.");
        var phone = ResidentRegistry.CheckPhone(r.WisherPhone);
        if (!phone.IsSuccess) return WishErrors.InvalidPhone;
        var division = await CommunityAsync(r.DivisionCode, ct);
        if (division is null || (IsStaff && !user.Scope.Includes(division.Path))) return WishErrors.UnknownDivision;
        var photoKey = string.IsNullOrWhiteSpace(r.PhotoKey) ? null : r.PhotoKey.Trim();
        if (photoKey is not null && !await photos.IsAttachableAsync(photoKey, ct)) return WishErrors.PhotoUnknown;

        var wish = new Wish(division.Code, division.Path, title, description, category, Now)
        {
            BudgetEstimate = r.BudgetEstimate,
            PhotoKey = photoKey,
            WisherName = name ?? (IsStaff ? null : user.Principal.FindFirstValue(JicengClaims.DisplayName)),
            WisherPhone = phone.Value,
            ShowWisherName = r.ShowWisherName ?? false,
            PostedByUserId = user.UserId,
            PostedByStaff = IsStaff,
            // Staff post for someone else (心声角); anyone else posts their own wish and may confirm it themselves.
            WisherUserId = IsStaff ? null : user.UserId,
        };
        db.Wishes.Add(wish);
        await db.SaveChangesAsync(ct);
        return ToDto(wish);
    }

    public async Task<Result<WishDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Wishes.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct) is { } wish ? ToDto(wish) : WishErrors.NotFound;

    /// <summary>What the caller may see (staff: their subtree; others: what they posted or claimed), newest first.</summary>
    public async Task<Result<PagedList<WishDto>>> ManageAsync(string? status, string? division, string? mine, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Wishes.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<WishStatus>(status, true, out var s)) return Error.Validation("未知的状态 / Unknown status.");
            query = query.Where(w => w.Status == s);
        }
        if (!string.IsNullOrEmpty(division))
        {
            var node = await db.Divisions.AsNoTracking().Where(d => d.Code == division).Select(d => d.Path).SingleOrDefaultAsync(ct);
            if (node is null) return WishErrors.UnknownDivision;
            var (from, to) = MaterialisedPath.Range(node);
            query = query.Where(w => string.Compare(w.DivisionPath, from) >= 0 && string.Compare(w.DivisionPath, to) < 0);
        }
        var me = user.UserId ?? Guid.Empty;
        var unit = user.Scope.UnitId ?? Guid.Empty;
        query = mine switch
        {
            "posted" => query.Where(w => w.WisherUserId == me || w.PostedByUserId == me),
            "claimed" => query.Where(w => w.ClaimantUserId == me || (unit != Guid.Empty && w.ClaimantUnitId == unit)),
            _ => query,
        };
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(w => w.CreatedUtc).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<WishDto>(items.Select(ToDto).ToList(), page, pageSize, total);
    }

    /// <summary>The public wall of a community: approved wishes only, public fields only (the explicit public read).</summary>
    public async Task<Result<PagedList<WallWish>>> WallAsync(string? division, string? status, int page, int pageSize, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(division)) return Error.Validation("请指定社区 / division is required.");
        var statuses = Wish.PublicStatuses.ToList();
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<WishStatus>(status, true, out var s) || !statuses.Contains(s)) return Error.Validation("未知的状态 / Unknown status.");
            statuses = [s];
        }
        var query = Public.Where(w => w.DivisionCode == division && statuses.Contains(w.Status));
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.Status == WishStatus.OnWall ? 0 : 1).ThenByDescending(w => w.PublishedUtc)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(w => new
            {
                w.Id, w.DivisionCode, w.Title, w.Description, w.Category, w.Status, w.BudgetEstimate, w.ShowWisherName, w.WisherName, w.ClaimantKind,
                w.ClaimantName, w.ThanksNote, w.PhotoKey, w.FulfilmentPhotoKey, w.PublishedUtc,
            }).ToListAsync(ct);
        var items = rows.Select(w => new WallWish(w.Id, w.DivisionCode, w.Title, w.Description, w.Category, w.Status, w.BudgetEstimate,
            w.ShowWisherName ? Mask.Name(w.WisherName) : null, w.ClaimantKind, w.ClaimantName,
            w.Status is WishStatus.Fulfilled or WishStatus.Confirmed, w.Status == WishStatus.Confirmed,
            w.Status == WishStatus.Confirmed ? w.ThanksNote : null, w.PhotoKey is not null,
            w.FulfilmentPhotoKey is not null && w.Status is WishStatus.Fulfilled or WishStatus.Confirmed, w.PublishedUtc)).ToList();
        return new PagedList<WallWish>(items, page, pageSize, total);
    }

    /// <summary>The photo key of a public wish (evidence only once fulfilled), or null.</summary>
    public async Task<string?> PublicPhotoKeyAsync(Guid id, bool evidence, CancellationToken ct)
    {
        var statuses = Wish.PublicStatuses.ToList();
        var row = await Public.Where(w => w.Id == id && statuses.Contains(w.Status))
            .Select(w => new { w.Status, w.PhotoKey, w.FulfilmentPhotoKey }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        return evidence ? (row.Status is WishStatus.Fulfilled or WishStatus.Confirmed ? row.FulfilmentPhotoKey : null) : row.PhotoKey;
    }

    private IQueryable<Wish> Public => db.Wishes.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    public Task<Result<WishDto>> ApproveAsync(Guid id, ApproveWishRequest? r, CancellationToken ct) => ReviewAsync(id, approve: true, r?.Note, ct);

    public Task<Result<WishDto>> RejectAsync(Guid id, RejectWishRequest? r, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(r?.Reason) || r.Reason.Trim().Length > 500
            ? Task.FromResult<Result<WishDto>>(Error.Validation("请填写不通过的原因（最多 500 字） / reason is required (at most 500 characters)."))
            : ReviewAsync(id, approve: false, r.Reason.Trim(), ct);

    private async Task<Result<WishDto>> ReviewAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        if (note is { Length: > 500 }) return Error.Validation("说明最多 500 字 / note may have at most 500 characters.");
        var wish = await db.Wishes.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (wish is null || !IsReviewer) return WishErrors.NotFound;
        if (wish.Status != WishStatus.PendingReview) return WishErrors.WrongState(wish.Status, approve ? "审核通过" : "驳回");
        wish.Status = approve ? WishStatus.OnWall : WishStatus.Rejected;
        wish.ReviewedByUserId = user.UserId;
        wish.ReviewedUtc = Now;
        wish.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (approve) wish.PublishedUtc = Now;
        return await SaveAsync(wish, ct);
    }

    /// <summary>
    /// One conditional update decides the winner: it changes the row only while the wish is on the wall (or its claim
    /// has expired). The wall is public, so the update reads past the scope filter; the WHERE keeps it to public wishes.
    /// </summary>
    public async Task<Result<WishDto>> ClaimAsync(Guid id, CancellationToken ct)
    {
        if (user.UserId is not { } me) return WishErrors.NotFound;
        var exists = await Public.Where(w => w.Id == id).Select(w => (WishStatus?)w.Status).SingleOrDefaultAsync(ct);
        if (exists is null || !Wish.PublicStatuses.Contains(exists.Value)) return WishErrors.NotFound;

        var (kind, unitId, personId, name) = await ClaimantAsync(me, ct);
        var now = Now;
        var deadline = now.AddDays(options.Value.ClaimPeriodDays);
        var won = await db.Wishes.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(w => w.Id == id && (w.Status == WishStatus.OnWall || (w.Status == WishStatus.Claimed && w.ClaimDeadlineUtc < now)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(w => w.Status, WishStatus.Claimed)
                .SetProperty(w => w.ClaimantKind, kind)
                .SetProperty(w => w.ClaimantUserId, me)
                .SetProperty(w => w.ClaimantUnitId, unitId)
                .SetProperty(w => w.ClaimantPersonId, personId)
                .SetProperty(w => w.ClaimantName, name)
                .SetProperty(w => w.ClaimedUtc, now)
                .SetProperty(w => w.ClaimDeadlineUtc, deadline)
                .SetProperty(w => w.ClaimCount, w => w.ClaimCount + 1)
                .SetProperty(w => w.UpdatedUtc, now)
                .SetProperty(w => w.Version, w => w.Version + 1), ct);
        if (won != 1) return WishErrors.AlreadyClaimed;
        await audit.RecordAsync("wish.claim", AuditResult.Success, nameof(Wish), id.ToString(), kind.ToString(), cancellationToken: ct);
        return await GetAsync(id, ct);
    }

    private async Task<(WishClaimantKind Kind, Guid? UnitId, Guid? PersonId, string Name)> ClaimantAsync(Guid me, CancellationToken ct)
    {
        if (user.Principal.IsInRole(Roles.CoBuildingUnit) && user.Scope.UnitId is { } unitId)
        {
            var unitName = await db.CoBuildingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct);
            return (WishClaimantKind.CoBuildingUnit, unitId, null, unitName ?? "共建单位");
        }
        // The caller's own person record only (Self scope cannot read it through the filter).
        var person = await db.OwnPersonRecord(me).FirstOrDefaultAsync(ct);
        var display = person?.FullName ?? user.Principal.FindFirstValue(JicengClaims.DisplayName) ?? user.UserName ?? "党员";
        return (WishClaimantKind.PartyMember, null, person?.Id, Mask.Name(display)! + "（党员）");
    }

    private bool IsClaimant(Wish w) =>
        (user.UserId is { } me && w.ClaimantUserId == me) || (user.Scope.UnitId is { } unit && w.ClaimantUnitId == unit);

    public async Task<Result<WishDto>> ReleaseAsync(Guid id, CancellationToken ct)
    {
        var wish = await db.Wishes.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (wish is null) return WishErrors.NotFound;
        if (wish.Status != WishStatus.Claimed || !IsClaimant(wish)) return WishErrors.WrongState(wish.Status, "放弃认领");
        if (wish.ClaimDeadlineUtc < Now) return Error.Conflict("认领已过期 / The claim has expired.");
        ReturnToWall(wish);
        return await SaveAsync(wish, ct);
    }

    /// <summary>A released or expired claim: the wish goes back on the wall for the next claimant (ClaimCount keeps the history).</summary>
    public static void ReturnToWall(Wish wish)
    {
        wish.Status = WishStatus.OnWall;
        wish.ClaimantKind = null;
        wish.ClaimantUserId = null;
        wish.ClaimantUnitId = null;
        wish.ClaimantPersonId = null;
        wish.ClaimantName = null;
        wish.ClaimedUtc = null;
        wish.ClaimDeadlineUtc = null;
    }

    public async Task<Result<WishDto>> FulfilAsync(Guid id, FulfilWishRequest r, CancellationToken ct)
    {
        var note = r.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > 2000) return Error.Validation("请填写完成情况（最多 2000 字） / note is required (at most 2000 characters).");
        if (r.Value is < 0 or > 1_000_000) return Error.Validation("价值须在 0–1000000 元之间 / value must be between 0 and 1,000,000 yuan.");
        var photoKey = string.IsNullOrWhiteSpace(r.PhotoKey) ? null : r.PhotoKey.Trim();
        var wish = await db.Wishes.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (wish is null) return WishErrors.NotFound;
        if (wish.Status != WishStatus.Claimed || !IsClaimant(wish)) return WishErrors.WrongState(wish.Status, "点亮");
        if (wish.ClaimDeadlineUtc < Now) return Error.Conflict("认领已过期 / The claim has expired.");
        if (photoKey is not null && !await photos.IsAttachableAsync(photoKey, ct)) return WishErrors.PhotoUnknown;
        wish.Status = WishStatus.Fulfilled;
        wish.FulfilledUtc = Now;
        wish.FulfilmentNote = note;
        wish.FulfilmentValue = r.Value;
        wish.FulfilmentPhotoKey = photoKey;
        return await SaveAsync(wish, ct);
    }

    public async Task<Result<WishDto>> ConfirmAsync(Guid id, ConfirmWishRequest? r, CancellationToken ct)
    {
        var thanks = string.IsNullOrWhiteSpace(r?.ThanksNote) ? null : r.ThanksNote.Trim();
        if (thanks is { Length: > 500 }) return Error.Validation("感谢语最多 500 字 / thanksNote may have at most 500 characters.");
        var wish = await db.Wishes.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (wish is null) return WishErrors.NotFound;
        var mayConfirm = (user.UserId is { } me && wish.WisherUserId == me) || IsReviewer;
        if (!mayConfirm) return WishErrors.NotFound;
        if (wish.Status != WishStatus.Fulfilled) return WishErrors.WrongState(wish.Status, "确认");
        wish.Status = WishStatus.Confirmed;
        wish.ConfirmedUtc = Now;
        wish.ConfirmedByUserId = user.UserId;
        wish.ThanksNote = thanks;
        return await SaveAsync(wish, ct);
    }

    private async Task<Result<WishDto>> SaveAsync(Wish wish, CancellationToken ct)
    {
        wish.Touch(Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("心愿刚被他人修改，请刷新后重试 / The wish was changed meanwhile; reload and try again.");
        }
        return ToDto(wish);
    }

    /// <summary>The community of the caller's own person record (a party member's home community), if any.</summary>
    public async Task<string?> MyCommunityAsync(CancellationToken ct) =>
        user.UserId is { } me
            ? await db.OwnPersonRecord(me).Select(p => p.DivisionCode).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>Communities and villages with a wall (public reference data: code and name), for the claimants' picker.</summary>
    public Task<List<(string Code, string Name)>> CommunitiesAsync(CancellationToken ct) =>
        db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Level == DivisionLevel.Village)
            .OrderBy(d => d.Code).Take(500).Select(d => new ValueTuple<string, string>(d.Code, d.Name)).ToListAsync(ct);

    /// <summary>A community or village (the level of a wall) by its code, read as reference data.</summary>
    private Task<Division?> CommunityAsync(string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? Task.FromResult<Division?>(null)
            : db.Divisions.AsNoTracking().IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(d => d.Code == code && d.Level == DivisionLevel.Village).SingleOrDefaultAsync(ct);

    private WishDto ToDto(Wish w)
    {
        var me = user.UserId;
        return new WishDto(w.Id, w.DivisionCode, w.Title, w.Description, w.Category, w.Status, w.BudgetEstimate, w.PhotoKey is not null,
            Mask.Name(w.WisherName), Mask.Phone(w.WisherPhone), w.ShowWisherName, w.PostedByStaff,
            me is not null && (w.WisherUserId == me || w.PostedByUserId == me), w.ReviewNote, w.PublishedUtc, w.ClaimantKind, w.ClaimantName,
            IsClaimant(w), w.ClaimedUtc, w.ClaimDeadlineUtc, w.ClaimCount, w.FulfilledUtc, w.FulfilmentNote, w.FulfilmentValue,
            w.FulfilmentPhotoKey is not null, w.ConfirmedUtc, w.ThanksNote, w.CreatedUtc, w.Version);
    }
}
