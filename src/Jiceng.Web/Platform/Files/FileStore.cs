using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform.Files;

/// <summary>Stores uploaded files outside the database. Local folder today, object storage later.</summary>
public interface IFileStore
{
    /// <summary>Stores the bytes under a new random key (safe for URLs and file names) and returns the key.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored file for reading, or null when the key is unknown or not a key this store produces.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stored file; unknown or malformed keys are ignored.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Bound from "Files".</summary>
public sealed class LocalFileStoreOptions
{
    public const string Section = "Files";

    /// <summary>Folder for stored files; a relative path is under the content root.</summary>
    public string Root { get; set; } = "App_Data/files";
}

/// <summary>
/// Keeps files in a local folder as root/ab/cd/abcd….ext, so no folder grows too large.
/// Keys are 32 lowercase hex characters plus a short extension; anything else is refused before touching the disk,
/// which is what keeps "../" and absolute paths out.
/// </summary>
public sealed class LocalFileStore(IOptions<LocalFileStoreOptions> options, IHostEnvironment environment) : IFileStore
{
    private const int IdLength = 32;
    private const int MaxExtensionLength = 10;

    private readonly string _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken cancellationToken = default)
    {
        var normalised = extension.ToLowerInvariant();
        if (!IsExtension(normalised)) throw new ArgumentException("The extension must be a dot and 1–10 letters or digits.", nameof(extension));

        var key = RandomNumberGenerator.GetHexString(IdLength, lowercase: true) + normalised;
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The temp name never matches the key format, so a half-written file can never be opened.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await WriteDurablyAsync(temp, content, cancellationToken);
            File.Move(temp, path);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return key;
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsKey(key)) return Task.FromResult<Stream?>(null);
        try
        {
            Stream stream = new FileStream(PathFor(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsKey(key)) return Task.CompletedTask;
        try
        {
            File.Delete(PathFor(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Unknown key whose folders were never created: nothing to delete.
        }
        return Task.CompletedTask;
    }

    private string PathFor(string key) => Path.Combine(_root, key[..2], key[2..4], key);

    private static async Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await stream.WriteAsync(content, cancellationToken);
        // On disk before the rename, so a crash cannot leave a complete name over incomplete bytes.
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Exactly what <see cref="SaveAsync"/> produces: 32 lowercase hex characters and an extension.</summary>
    internal static bool IsKey(string? key) =>
        key is { Length: > IdLength } && key[..IdLength].All(char.IsAsciiHexDigitLower) && IsExtension(key[IdLength..]);

    private static bool IsExtension(string extension) =>
        extension.Length is >= 2 and <= MaxExtensionLength + 1 && extension[0] == '.'
        && extension[1..].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
