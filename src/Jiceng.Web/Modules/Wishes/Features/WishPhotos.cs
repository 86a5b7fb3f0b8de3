using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Files;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Wishes.Features;

/// <summary>
/// Photos of wishes and of their fulfilment. Stored like case photos (checked by content, metadata stripped, a
/// <c>CasePhotos</c> row naming the uploader) so the uploader can preview them through /api/v1/photos; the wish keeps the
/// key. Only the uploader may attach a key, and only one not used by a case or another wish. Public once the wish is on
/// the wall (see <see cref="WishBoard.PublicPhotoKeyAsync"/>).
/// </summary>
public sealed class WishPhotos(CasePhotos store, AppDbContext db, CurrentUser user, IFileStore files)
{
    public Task<Result<PhotoStored>> StoreAsync(ReadOnlyMemory<byte> content, CancellationToken ct) => store.StoreAsync(content, ct);

    public async Task<bool> IsAttachableAsync(string key, CancellationToken ct)
    {
        if (key.Length > 80 || user.UserId is not { } me) return false;
        var mine = await db.CasePhotos.AsNoTracking().AnyAsync(p => p.Key == key && p.UploadedByUserId == me && p.CaseId == null, ct);
        if (!mine) return false;
        // A key belongs to one wish: reusing it would publish the photo under another wish.
        return !await db.Wishes.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(w => w.PhotoKey == key || w.FulfilmentPhotoKey == key, ct);
    }

    public static async Task<Results<Created<PhotoStored>, ProblemHttpResult>> UploadAsync(IFormFile file, WishPhotos photos, CancellationToken ct)
    {
        if (file.Length > CasePhotos.MaxBytes)
        {
            return new Error("photo_too_large", 400, $"照片不能超过 {CasePhotos.MaxBytes / 1024 / 1024} MB / A photo may have at most {CasePhotos.MaxBytes / 1024 / 1024} MB.").ToProblem();
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var result = await photos.StoreAsync(buffer.ToArray(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/photos/{result.Value!.Key}", result.Value) : result.Error!.ToProblem();
    }

    /// <summary>A public wish's photo (or its evidence once fulfilled); 404 otherwise, exactly as for an unknown wish.</summary>
    public async Task<Results<FileStreamHttpResult, ProblemHttpResult>> PublicAsync(Guid id, bool evidence, WishBoard board, HttpContext http, CancellationToken ct)
    {
        var key = await board.PublicPhotoKeyAsync(id, evidence, ct);
        var type = key is null ? null : await db.CasePhotos.AsNoTracking().Where(p => p.Key == key).Select(p => p.ContentType).SingleOrDefaultAsync(ct);
        var stream = type is null ? null : await files.OpenAsync(key!, ct);
        if (stream is null) return Error.NotFound("Photo").ToProblem();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(stream, type!);
    }
}
