using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Files;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Cases.Features;

public sealed record PhotoStored(string Key, string ContentType, int Size);

/// <summary>
/// Photos for cases (on report, progress, resolve, verify, rework): checked by content, stripped of location and other
/// metadata, stored outside the database, and recorded as a <see cref="CasePhoto"/> row that says who may see them.
/// The returned key goes into a request's <c>attachments</c>; only the uploader can attach it, to one case, and from
/// then on whoever can see that case can see the photo.
/// </summary>
public sealed class CasePhotos(IFileStore files, AppDbContext db, CurrentUser user, TimeProvider time)
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxPerEntry = 9;
    public const string AttachmentUnknownCode = "attachment_unknown";

    /// <summary>The file types a browser may offer (the content decides; this is only for a quick message).</summary>
    public const string AcceptedTypes = "image/jpeg,image/png,image/webp";

    /// <summary>The portal stores a resident's photos and files the report in the same request; a key older than this is stale.</summary>
    public static readonly TimeSpan AnonymousWindow = TimeSpan.FromHours(1);

    /// <summary>The actions whose timeline entry carries photos (besides the report itself): what Case accepts attachments for.</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string> { CaseActions.Progress, CaseActions.Resolve, CaseActions.Verify, CaseActions.Rework };

    /// <summary>One answer for unknown, someone else's and already used keys, so a key reveals nothing about other people's photos.</summary>
    public static readonly Error AttachmentUnknown = new(AttachmentUnknownCode, StatusCodes.Status400BadRequest,
        "照片不存在、不是您上传的或已用于其他诉求 / An attachment is not a photo you uploaded, or it is attached to another case.");

    public async Task<Result<PhotoStored>> StoreAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var check = ImageSanitiser.Check(content.Span, MaxBytes);
        if (!check.IsAccepted)
        {
            return new Error(check.Rejection == ImageRejection.TooLarge ? "photo_too_large" : "photo_not_accepted", StatusCodes.Status400BadRequest,
                check.Rejection == ImageRejection.TooLarge
                    ? $"照片不能超过 {MaxBytes / 1024 / 1024} MB / A photo may have at most {MaxBytes / 1024 / 1024} MB."
                    : "只接受 JPEG、PNG、WebP 照片 / Only JPEG, PNG and WebP photos are accepted.");
        }
        var key = await files.SaveAsync(check.Image.Content, check.Image.Extension, cancellationToken);
        var photo = new CasePhoto
        {
            Key = key,
            UploadedByUserId = user.UserId,
            UploadedUtc = time.GetUtcNow().UtcDateTime,
            ContentType = check.Image.ContentType,
            Size = check.Image.Content.Length,
        };
        db.CasePhotos.Add(photo);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row, no file: a file nobody may open would only take up space.
            db.Entry(photo).State = EntityState.Detached;
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return new PhotoStored(key, photo.ContentType, photo.Size);
    }

    /// <summary>
    /// The pre-check before a report or an action: null when every key may be attached by the caller (to
    /// <paramref name="caseId"/>, or to a new case when it is null). Changes nothing.
    /// </summary>
    public async Task<Error?> CheckAsync(IReadOnlyList<string>? keys, long? caseId, CancellationToken cancellationToken = default) =>
        (await AttachableAsync(keys, caseId, cancellationToken)).Error;

    /// <summary>
    /// Gives the photos to the case (checked again, as the pre-check may be a moment old). The caller's SaveChanges
    /// stores it together with the case change, so either both happen or neither.
    /// </summary>
    public async Task<Error?> AttachAsync(long caseId, IReadOnlyList<string>? keys, CancellationToken cancellationToken = default)
    {
        var found = await AttachableAsync(keys, caseId, cancellationToken);
        if (!found.IsSuccess) return found.Error;
        foreach (var photo in found.Value!) photo.CaseId = caseId;
        return null;
    }

    /// <summary>
    /// A signed-in caller attaches only photos they uploaded that no other case has. The anonymous portal attaches only
    /// anonymous uploads of the last hour that no case has (its keys are random and never shown to anyone else).
    /// Two requests of the same uploader racing with one key to two cases could both pass; the row then names one case,
    /// and the other case's viewers get 404 for it: nobody sees more than they may.
    /// </summary>
    private async Task<Result<List<CasePhoto>>> AttachableAsync(IReadOnlyList<string>? keys, long? caseId, CancellationToken cancellationToken)
    {
        if (keys is not { Count: > 0 }) return new List<CasePhoto>();
        if (keys.Count > MaxPerEntry) return Error.Validation($"最多 {MaxPerEntry} 张照片 / At most {MaxPerEntry} photos.");
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count != keys.Count) return Error.Validation("同一张照片重复了 / The same photo is listed twice.");
        if (wanted.Any(k => string.IsNullOrEmpty(k) || k.Length > 80)) return AttachmentUnknown;

        var photos = await db.CasePhotos.Where(p => wanted.Contains(p.Key)).ToListAsync(cancellationToken);
        var uploader = user.UserId;
        var freshSince = time.GetUtcNow().UtcDateTime - AnonymousWindow;
        var usable = photos.Count == wanted.Count && photos.All(p => uploader is { } me
            ? p.UploadedByUserId == me && (p.CaseId is null || p.CaseId == caseId)
            : p.UploadedByUserId is null && p.UploadedUtc >= freshSince && p.CaseId is null);
        return usable ? photos : AttachmentUnknown;
    }

    /// <summary>Removes the caller's own photos that no case uses (a refused report, a photo taken off before sending).</summary>
    public async Task DiscardAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0) return;
        var wanted = keys.ToList();
        var uploader = user.UserId;
        var photos = await db.CasePhotos.Where(p => wanted.Contains(p.Key) && p.CaseId == null && p.UploadedByUserId == uploader).ToListAsync(cancellationToken);
        db.CasePhotos.RemoveRange(photos);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var photo in photos) await files.DeleteAsync(photo.Key, CancellationToken.None);
    }

    /// <summary>
    /// The photo when the caller may see it: their own upload, or one attached to a case they can see (the central
    /// scope filter on cases decides: a department what was dispatched to it, a community its subtree, a resident
    /// what they reported).
    /// </summary>
    public async Task<CasePhoto?> FindVisibleAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.Length > 80) return null;
        var photo = await db.CasePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (photo is null) return null;
        if (user.UserId is { } me && photo.UploadedByUserId == me) return photo;
        return photo.CaseId is { } caseId && await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken) ? photo : null;
    }

    public static async Task<Results<Created<PhotoStored>, ProblemHttpResult>> UploadAsync(IFormFile file, CasePhotos photos, CancellationToken ct)
    {
        if (file.Length > MaxBytes)
        {
            return new Error("photo_too_large", 400, $"照片不能超过 {MaxBytes / 1024 / 1024} MB / A photo may have at most {MaxBytes / 1024 / 1024} MB.").ToProblem();
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var result = await photos.StoreAsync(buffer.ToArray(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/photos/{result.Value!.Key}", result.Value) : result.Error!.ToProblem();
    }

    /// <summary>404 for a photo the caller may not see, exactly as for one that does not exist.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string key, CasePhotos photos, IFileStore files,
        HttpContext http, CancellationToken ct)
    {
        var photo = await photos.FindVisibleAsync(key, ct);
        var stream = photo is null ? null : await files.OpenAsync(key, ct);
        if (stream is null) return Error.NotFound("Photo").ToProblem();
        // Only this user's browser may keep a copy: no shared cache between one community and the next.
        http.Response.Headers.CacheControl = "private";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(stream, photo!.ContentType);
    }
}
