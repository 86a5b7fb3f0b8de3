using Microsoft.AspNetCore.Hosting;

namespace Jiceng.Tests.Infrastructure;

/// <summary>The demo app with its own photo folder, so a test can see which files a request stored or left behind.</summary>
public class PhotoFolderApp : JicengAppFactory
{
    public string PhotoFolder { get; } = Directory.CreateTempSubdirectory("jiceng-photos-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Files:Root", PhotoFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(PhotoFolder, recursive: true);
    }
}
