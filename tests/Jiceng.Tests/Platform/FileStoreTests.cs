using Jiceng.Web.Platform.Files;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jiceng.Tests.Platform;

public sealed class FileStoreTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("jiceng-files-").FullName;
    private readonly LocalFileStore _store;

    public FileStoreTests() => _store = StoreWithRoot("files");

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private string Root => Path.Combine(_contentRoot, "files");

    private LocalFileStore StoreWithRoot(string root) =>
        new(Options.Create(new LocalFileStoreOptions { Root = root }), new TestEnvironment(_contentRoot));

    [Fact]
    public async Task Saved_bytes_open_again_unchanged_under_the_relative_root()
    {
        byte[] content = [1, 2, 3, 0xFF, 0xD8, 42];

        var key = await _store.SaveAsync(content, ".jpg", Token);
        await using var stream = await _store.OpenAsync(key, Token);

        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Token);
        Assert.Equal(content, copy.ToArray());
        Assert.True(File.Exists(Path.Combine(Root, key[..2], key[2..4], key)));
    }

    [Fact]
    public async Task Keys_are_unique_url_safe_and_leave_no_temp_files()
    {
        var keys = new HashSet<string>();
        for (var i = 0; i < 20; i++) keys.Add(await _store.SaveAsync(new byte[] { (byte)i }, ".PNG", Token));

        Assert.Equal(20, keys.Count);
        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{32}\\.png$", key));
        Assert.Equal(20, Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\outside.jpg")]
    [InlineData("ab/cd/0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef.jpg/../../outside.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task Malformed_or_unknown_keys_open_nothing(string key)
    {
        await File.WriteAllBytesAsync(Path.Combine(_contentRoot, "outside.jpg"), [1], Token);

        Assert.Null(await _store.OpenAsync(key, Token));
        await _store.DeleteAsync(key, Token);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "outside.jpg")));
    }

    [Fact]
    public async Task A_temp_file_next_to_a_key_cannot_be_opened()
    {
        var key = await _store.SaveAsync(new byte[] { 7 }, ".webp", Token);
        var tempName = key + ".0123456789abcdef0123456789abcdef.tmp";
        await File.WriteAllBytesAsync(Path.Combine(Root, key[..2], key[2..4], tempName), [1], Token);

        Assert.Null(await _store.OpenAsync(tempName, Token));
    }

    [Fact]
    public async Task Delete_removes_the_file()
    {
        var key = await _store.SaveAsync(new byte[] { 9, 9 }, ".jpg", Token);

        await _store.DeleteAsync(key, Token);

        Assert.Null(await _store.OpenAsync(key, Token));
        Assert.Empty(Directory.GetFiles(Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_absolute_root_is_used_as_it_is()
    {
        var absolute = Path.Combine(_contentRoot, "elsewhere");
        var store = StoreWithRoot(absolute);

        var key = await store.SaveAsync(new byte[] { 5 }, ".png", Token);

        Assert.True(File.Exists(Path.Combine(absolute, key[..2], key[2..4], key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("jpg")]
    [InlineData(".j/g")]
    [InlineData("../x")]
    [InlineData(".averylongext")]
    public async Task Unsafe_extensions_are_refused(string extension)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(new byte[] { 1 }, extension, Token));
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Jiceng.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
