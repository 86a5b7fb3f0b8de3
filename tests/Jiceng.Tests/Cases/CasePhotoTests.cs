using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Tests.Platform;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// Case photos over HTTP: who may attach a key (only its uploader, to one case) and who may download it (the uploader,
/// and whoever can see the case it is attached to, through the central scope filter; everyone else gets 404).
/// </summary>
public sealed class CasePhotoTests(CasePhotoTests.PhotoApp app) : IClassFixture<CasePhotoTests.PhotoApp>
{
    private const string OtherDepartmentUser = "photo-dept-mzj";

    /// <summary>The demo app with its own photo folder, and a handler of a second department (民政局) to be out of scope.</summary>
    public sealed class PhotoApp : PhotoFolderApp, IAsyncLifetime
    {
        public async ValueTask InitializeAsync() => await AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = OtherDepartmentUser, DisplayName = "民政局办件人", LockoutEnabled = true, CreatedUtc = DateTime.UtcNow,
                DepartmentId = await db.Departments.Where(d => d.ShortCode == "MZJ").Select(d => d.Id).SingleAsync(),
            };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.DepartmentHandler);
        });
    }

    private readonly CaseApi _api = new(app);

    private async Task<HttpResponseMessage> PostPhotoAsync(string user, byte[] content, string fileName = "现场.jpg", string type = "image/jpeg")
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(part, "file", fileName);
        return await (await _api.As(user)).PostAsync("/api/v1/photos", form);
    }

    /// <summary>Uploads the test JPEG (with EXIF and XMP location data) and returns its key.</summary>
    private async Task<string> UploadAsync(string user)
    {
        var response = await PostPhotoAsync(user, TestImages.Jpeg());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadOkAsync<JsonElement>();
        Assert.Equal("image/jpeg", body.GetProperty("contentType").GetString());
        return body.GetProperty("key").GetString()!;
    }

    private async Task<HttpResponseMessage> DownloadAsync(string user, string key) => await (await _api.As(user)).GetAsync($"/api/v1/photos/{key}");

    private async Task AssertHiddenAsync(string user, string key) =>
        await (await DownloadAsync(user, key)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

    private Task<long?> CaseOfAsync(string key) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().CasePhotos.Where(p => p.Key == key).Select(p => p.CaseId).SingleAsync());

    [Fact]
    public async Task A_photo_attached_on_verify_is_seen_by_whoever_sees_the_case_and_by_nobody_else()
    {
        var id = await _api.CaseAtAsync("resolved"); // dispatched to 住建局 (demo-dept), resolved by it
        var key = await UploadAsync("demo-grid");

        // Before it is attached, only the uploader may see it.
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-grid", key)).StatusCode);
        await AssertHiddenAsync("demo-community-a", key);

        var verified = await _api.DoAsync("demo-grid", id, "verify", new { note = "现场核查通过", attachments = new[] { key } });
        Assert.Equal([key], verified.GetProperty("timeline").EnumerateArray().Last().GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(id, await CaseOfAsync(key));

        var seen = await DownloadAsync("demo-community-a", key);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        var bytes = await seen.Content.ReadAsByteArrayAsync();
        Assert.Equal(TestImages.CleanJpeg(), bytes);
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GPS", text, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", seen.Content.Headers.ContentType?.MediaType);
        Assert.True(seen.Headers.CacheControl?.Private, "a photo must not sit in a shared cache");

        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-street", key)).StatusCode);   // the street's subtree
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-dept", key)).StatusCode);     // dispatched to it
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-resident", key)).StatusCode); // the reporter
        await AssertHiddenAsync("demo-community-b", key);
        await AssertHiddenAsync(OtherDepartmentUser, key);
        await AssertHiddenAsync("demo-party", key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/photos/{key}")).StatusCode);
    }

    [Fact]
    public async Task A_department_sees_a_photo_only_once_the_case_is_dispatched_to_it()
    {
        var id = (await _api.CreateAsync()).GetProperty("id").GetInt64();
        await _api.DoAsync("demo-community-a", id, "accept", new { handleIn = "grid" });
        var key = await UploadAsync("demo-grid");
        await _api.DoAsync("demo-grid", id, "progress", new { attachments = new[] { key } });

        await AssertHiddenAsync("demo-dept", key);

        await _api.DoAsync("demo-community-a", id, "escalate", new { note = "需要住建局处理" });
        await _api.DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") });

        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-dept", key)).StatusCode);
        await AssertHiddenAsync(OtherDepartmentUser, key);
    }

    [Fact]
    public async Task Attaching_someone_elses_photo_is_refused_and_changes_nothing()
    {
        var id = await _api.CaseAtAsync("resolved");
        var before = (await _api.GetAsync("demo-grid", id)).GetProperty("version").GetInt32();
        var theirs = await UploadAsync("demo-community-a");
        var mine = await UploadAsync("demo-grid");

        var response = await _api.ActAsync("demo-grid", id, "verify", new { note = "核查", attachments = new[] { mine, theirs } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment_unknown");
        var after = await _api.GetAsync("demo-grid", id);
        Assert.Equal(before, after.GetProperty("version").GetInt32());
        Assert.Equal("resolved", after.GetProperty("status").GetString());
        Assert.Null(await CaseOfAsync(mine));
        Assert.Null(await CaseOfAsync(theirs));
        await AssertHiddenAsync("demo-grid", theirs);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef.jpg")] // well-formed, never stored
    [InlineData("../../appsettings.json")]
    public async Task An_unknown_key_is_refused(string key)
    {
        var id = await _api.CaseAtAsync("resolved");
        var before = (await _api.GetAsync("demo-grid", id)).GetProperty("version").GetInt32();

        await (await _api.ActAsync("demo-grid", id, "verify", new { attachments = new[] { key } })).AssertProblemAsync(HttpStatusCode.BadRequest, "attachment_unknown");

        Assert.Equal(before, (await _api.GetAsync("demo-grid", id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_key_already_attached_to_another_case_is_refused()
    {
        var first = await _api.CaseAtAsync("resolved");
        var second = await _api.CaseAtAsync("resolved");
        var key = await UploadAsync("demo-grid");
        await _api.DoAsync("demo-grid", first, "verify", new { attachments = new[] { key } });
        var before = (await _api.GetAsync("demo-grid", second)).GetProperty("version").GetInt32();

        await (await _api.ActAsync("demo-grid", second, "verify", new { attachments = new[] { key } })).AssertProblemAsync(HttpStatusCode.BadRequest, "attachment_unknown");

        Assert.Equal(before, (await _api.GetAsync("demo-grid", second)).GetProperty("version").GetInt32());
        Assert.Equal(first, await CaseOfAsync(key));
    }

    [Fact]
    public async Task A_report_attaches_its_reporters_photos_and_refuses_anyone_elses_without_filing_the_case()
    {
        var mine = await UploadAsync("demo-resident");
        var theirs = await UploadAsync("demo-party");
        var countBefore = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync());

        var refused = await (await _api.As("demo-resident")).PostAsJsonAsync("/api/v1/cases", new
        {
            categoryCode = "roads", description = "路灯不亮，晚上很黑", divisionCode = CaseApi.Tuanjie, attachments = new[] { mine, theirs },
        });
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "attachment_unknown");
        Assert.Equal(countBefore, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync()));

        var created = await (await (await _api.As("demo-resident")).PostAsJsonAsync("/api/v1/cases", new
        {
            categoryCode = "roads", description = "路灯不亮，晚上很黑", divisionCode = CaseApi.Tuanjie, attachments = new[] { mine },
        })).ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(id, await CaseOfAsync(mine));
        Assert.Equal(HttpStatusCode.OK, (await DownloadAsync("demo-community-a", mine)).StatusCode);
        await AssertHiddenAsync("demo-community-b", mine);
    }

    [Fact]
    public async Task The_anonymous_portal_attaches_only_fresh_anonymous_photos_that_no_case_has()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var someCase = await _api.CaseAtAsync("submitted");
        var signedIn = await UploadAsync("demo-resident");
        string Key() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + ".jpg";
        var (fresh, stale, used) = (Key(), Key(), Key());
        await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.CasePhotos.AddRange(
                new CasePhoto { Key = fresh, UploadedUtc = now.AddMinutes(-50), ContentType = "image/jpeg", Size = 1 },
                new CasePhoto { Key = stale, UploadedUtc = now.AddMinutes(-61), ContentType = "image/jpeg", Size = 1 },
                new CasePhoto { Key = used, UploadedUtc = now.AddMinutes(-1), ContentType = "image/jpeg", Size = 1, CaseId = someCase });
            await db.SaveChangesAsync();
        });

        // A DI scope whose CurrentUser is left as it starts: nobody signed in, as on the portal.
        await using var scope = app.Services.CreateAsyncScope();
        var photos = scope.ServiceProvider.GetRequiredService<CasePhotos>();

        Assert.Null(await photos.CheckAsync([fresh], null));
        Assert.Equal("attachment_unknown", (await photos.CheckAsync([stale], null))?.Code);
        Assert.Equal("attachment_unknown", (await photos.CheckAsync([used], null))?.Code);
        Assert.Equal("attachment_unknown", (await photos.CheckAsync([signedIn], null))?.Code);
        Assert.Equal("attachment_unknown", (await photos.CheckAsync([fresh, signedIn], null))?.Code);
    }

    [Fact]
    public async Task The_console_cookie_opens_a_photo_but_no_other_api()
    {
        var id = await _api.CaseAtAsync("resolved");
        var key = await UploadAsync("demo-grid");
        await _api.DoAsync("demo-grid", id, "verify", new { attachments = new[] { key } });
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "demo-community-a", ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var photo = await browser.GetAsync($"/api/v1/photos/{key}");
        var cases = await browser.GetAsync("/api/v1/cases");
        var upload = await browser.PostAsync("/api/v1/photos", new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png()), "file", "a.png" } });

        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(TestImages.CleanJpeg(), await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, cases.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        // The cookie does not widen the scope either: community B's staff still get 404.
        var other = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SubmitAsync(other, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = "demo-community-b", ["Input.Password"] = JicengAppFactory.DemoPassword });
        await (await other.GetAsync($"/api/v1/photos/{key}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_photo_is_not_served_on_a_token_whose_session_has_ended()
    {
        var client = await app.ClientForAsync("demo-grid");
        var response = await PostPhotoAsync("demo-grid", TestImages.Png(), "a.png", "image/png");
        var key = (await response.ReadOkAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/photos/{key}")).StatusCode);

        (await client.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/photos/{key}")).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_and_nothing_is_recorded()
    {
        var count = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().CasePhotos.CountAsync());

        var response = await PostPhotoAsync("demo-grid", Encoding.Latin1.GetBytes("%PDF-1.7\n%%EOF"), "photo.jpg");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "photo_not_accepted");
        Assert.Equal(count, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().CasePhotos.CountAsync()));
    }
}
