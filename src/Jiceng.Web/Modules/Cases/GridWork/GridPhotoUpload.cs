using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Localization;

namespace Jiceng.Web.Modules.Cases.GridWork;

/// <summary>The photos of one posted form: stored keys, or the reason (in the worker's language) why none were kept.</summary>
public sealed record GridPhotoResult(IReadOnlyList<string> Keys, string? Error);

/// <summary>
/// Photos taken on patrol or on site, as posted with a static form: counted and sized before anything is read,
/// then checked by content (and stripped of location data) through <see cref="CasePhotos"/>. All or nothing:
/// when one is refused, those already stored are deleted, so a refused form leaves no file behind.
/// </summary>
public static class GridPhotoUpload
{
    public const string Field = "photos";
    public const int MaxPhotos = 3;

    public static List<IFormFile> Posted(HttpContext context) =>
        context.Request.HasFormContentType ? context.Request.Form.Files.GetFiles(Field).Where(f => f.Length > 0).ToList() : [];

    /// <summary>What is wrong with the files before any is read, or null.</summary>
    public static string? Precheck(IReadOnlyList<IFormFile> files, Texts t)
    {
        if (files.Count > MaxPhotos) return t["report.error.photo_count", MaxPhotos];
        return files.FirstOrDefault(f => f.Length > CasePhotos.MaxBytes) is { } large
            ? t["report.error.photo_too_large", large.FileName, CasePhotos.MaxBytes / 1024 / 1024]
            : null;
    }

    public static async Task<GridPhotoResult> StoreAsync(IReadOnlyList<IFormFile> files, CasePhotos photos, Texts t, CancellationToken ct)
    {
        if (Precheck(files, t) is { } error) return new([], error);
        var keys = new List<string>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var stored = await photos.StoreAsync(buffer.ToArray(), ct);
            if (!stored.IsSuccess)
            {
                await photos.DiscardAsync(keys, CancellationToken.None);
                return new([], t["report.error.photo_rejected", file.FileName]);
            }
            keys.Add(stored.Value!.Key);
        }
        return new(keys, null);
    }

    /// <summary>Removes photos stored for a form that then filed nothing (not with the request's token: a cancelled request must not leave orphans).</summary>
    public static Task DiscardAsync(IReadOnlyList<string> keys, CasePhotos photos) => photos.DiscardAsync(keys, CancellationToken.None);
}
