using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Cases.Features;

public sealed record PhotoStored(string Key, string ContentType, int Size);

/// <summary>
/// Photos for cases (on report, progress, resolve, verify): checked by content, stripped of location and other
/// metadata, stored outside the database. The returned key goes into a request's <c>attachments</c>.
/// </summary>
public sealed class CasePhotos(IFileStore files)
{
    public const int MaxBytes = 8 * 1024 * 1024;

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
        return new PhotoStored(key, check.Image.ContentType, check.Image.Content.Length);
    }

    public static async Task<Results<Created<PhotoStored>, ProblemHttpResult>> UploadAsync(IFormFile file, CasePhotos photos, CancellationToken ct)
    {
        if (file.Length > MaxBytes) return new Error("photo_too_large", 400, $"A photo may have at most {MaxBytes / 1024 / 1024} MB.").ToProblem();
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var result = await photos.StoreAsync(buffer.ToArray(), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/photos/{result.Value!.Key}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string key, IFileStore files, CancellationToken ct)
    {
        var stream = await files.OpenAsync(key, ct);
        if (stream is null) return Error.NotFound("Photo").ToProblem();
        var type = Path.GetExtension(key) switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" };
        return TypedResults.File(stream, type);
    }
}
