using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiceng.Tests.Infrastructure;
using Jiceng.Tests.Platform;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>
/// The grid worker's phone pages (static forms, cookie sign-in) over HTTP: the "my grid" queue, the patrol report,
/// and acting on a case on site with photos.
/// </summary>
public sealed partial class GridWorkPagesTests(GridWorkPagesTests.GridApp app) : IClassFixture<GridWorkPagesTests.GridApp>
{
    private const string ReportUrl = "/grid/report";

    public sealed class GridApp : PhotoFolderApp;

    private sealed record Photo(string FileName, string ContentType, byte[] Content);

    private static readonly byte[] Pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");

    private readonly CaseApi _api = new(app);

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the console's login form, so the client carries the auth cookie as a phone would.</summary>
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var browser = Browser();
        var login = await Forms.SubmitAsync(browser, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    private static Dictionary<string, string> HiddenFields(string page) => Forms.HiddenFields(page);

    /// <summary>Posts a page's form as multipart/form-data (its enctype), with its hidden fields as they were rendered.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, Dictionary<string, string> hidden,
        IDictionary<string, string> fields, params Photo[] photos)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in hidden.Concat(fields)) content.Add(new StringContent(value, Encoding.UTF8), name);
        foreach (var photo in photos)
        {
            var part = new ByteArrayContent(photo.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(photo.ContentType);
            content.Add(part, "photos", photo.FileName);
        }
        return await browser.PostAsync(url, content);
    }

    /// <summary>Opens the case page and posts one of its action buttons.</summary>
    private static async Task<HttpResponseMessage> ActAsync(HttpClient browser, long id, string action, string? note, params Photo[] photos)
    {
        var url = $"/grid/cases/{id}";
        var hidden = HiddenFields(await browser.GetStringAsync(url));
        var fields = new Dictionary<string, string> { ["Input.Action"] = action, ["Input.Note"] = note ?? "" };
        return await PostAsync(browser, url, hidden, fields, photos);
    }

    private static string? Target(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;

    private HashSet<string> PhotoFiles() => Directory.EnumerateFiles(app.PhotoFolder, "*", SearchOption.AllDirectories).ToHashSet();

    private Task<int> CasesWithDescriptionAsync(string description) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync(c => c.Description == description));

    private async Task<string> NumberAsync(long id) => (await _api.GetAsync("demo-community-a", id)).GetProperty("number").GetString()!;

    [Theory]
    [InlineData("/grid")]
    [InlineData("/grid/report")]
    [InlineData("/grid/cases/1")]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page_and_back(string url)
    {
        var response = await Browser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost"), Target(response));
        Assert.Equal("/account/login", target.AbsolutePath);
        Assert.Equal(url, Uri.UnescapeDataString(Regex.Match(target.Query, "(?i)returnUrl=([^&]*)").Groups[1].Value));
    }

    [Fact]
    public async Task A_resident_gets_the_denied_page()
    {
        var resident = await SignedInAsync("demo-resident");

        var queue = await resident.GetAsync("/grid");
        var report = await resident.GetAsync(ReportUrl);
        var denied = await resident.GetStringAsync(Target(queue));

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/account/denied", Target(queue), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", Target(report), StringComparison.Ordinal);
        Assert.Contains("您没有权限访问此页面", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_links_grid_workers_and_only_them_to_their_phone_pages()
    {
        var grid = await (await SignedInAsync("demo-grid")).GetStringAsync("/");
        var community = await (await SignedInAsync("demo-community-a")).GetStringAsync("/");

        Assert.Matches("href=\"/grid\"[^>]*data-testid=\"nav-grid\"|data-testid=\"nav-grid\"[^>]*href=\"/grid\"", grid);
        Assert.Contains("data-testid=\"home-grid\"", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"nav-grid\"", community, StringComparison.Ordinal);
        Assert.DoesNotContain("home-grid", community, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_puts_verification_and_grid_cases_first_and_shows_nothing_of_another_community()
    {
        var dispatched = await _api.CaseAtAsync("dispatched");
        var resolved = await _api.CaseAtAsync("resolved");
        var inGrid = (await _api.CreateAsync()).GetProperty("id").GetInt64();
        await _api.DoAsync("demo-community-a", inGrid, "accept", new { handleIn = "grid" });
        var yuxi = await _api.CreateAsync(division: CaseApi.Yuxi);
        var grid = await SignedInAsync("demo-grid");

        var response = await grid.GetAsync("/grid");
        var page = await response.Content.ReadAsStringAsync();
        var otherCommunity = await grid.GetAsync($"/grid/cases/{yuxi.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var needsMe = Section(page, "grid-needs-me");
        var others = Section(page, "grid-others");
        Assert.Contains($"href=\"/grid/cases/{resolved}\"", needsMe, StringComparison.Ordinal);
        Assert.Contains($"href=\"/grid/cases/{inGrid}\"", needsMe, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/grid/cases/{dispatched}\"", needsMe, StringComparison.Ordinal);
        Assert.Contains($"href=\"/grid/cases/{dispatched}\"", others, StringComparison.Ordinal);
        Assert.True(page.IndexOf($"/grid/cases/{resolved}\"", StringComparison.Ordinal) < page.IndexOf($"/grid/cases/{dispatched}\"", StringComparison.Ordinal));
        Assert.Contains(await NumberAsync(resolved), needsMe, StringComparison.Ordinal);
        Assert.Contains("待核查", needsMe, StringComparison.Ordinal);
        Assert.Matches("class=\"light light-green\"[^>]*aria-label=\"正常\"", needsMe);
        Assert.DoesNotContain(yuxi.GetProperty("number").GetString()!, page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/grid/cases/{yuxi.GetProperty("id").GetInt64()}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherCommunity.StatusCode);
    }

    [Fact]
    public async Task A_patrol_report_posted_twice_with_the_same_key_files_one_patrol_case_by_the_worker()
    {
        var grid = await SignedInAsync("demo-grid");
        var description = $"巡查发现团结小区5号楼前井盖缺失 {Guid.NewGuid():N}";
        var form = await grid.GetStringAsync(ReportUrl);
        var hidden = HiddenFields(form);
        var fields = new Dictionary<string, string>
        {
            ["Input.CategoryCode"] = "roads", ["Input.Description"] = description, ["Input.Address"] = "团结小区5号楼前",
        };
        var filesBefore = PhotoFiles();

        var first = await (await PostAsync(grid, ReportUrl, hidden, fields, new Photo("井盖.png", "image/png", TestImages.Png()))).Content.ReadAsStringAsync();
        var second = await (await PostAsync(grid, ReportUrl, hidden, fields, new Photo("井盖.png", "image/png", TestImages.Png()))).Content.ReadAsStringAsync();

        Assert.Contains("在团结社区巡查发现的问题", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.DivisionCode", form, StringComparison.Ordinal); // one community: no choice to make
        var saved = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var worker = await db.Users.Where(u => u.UserName == "demo-grid").Select(u => u.Id).SingleAsync();
            var cases = await db.Cases.Include(c => c.Timeline).Where(c => c.Description == description).ToListAsync();
            // demo-grid is the full-time worker (专职) of one grid of 团结: the report lands there.
            var ownGrid = await (from p in db.People join a in db.GridWorkers on p.Id equals a.PersonId where p.UserId == worker select a.GridId).SingleAsync();
            return (worker, cases, ownGrid);
        });
        var @case = Assert.Single(saved.cases);
        Assert.Equal(CaseChannel.GridPatrol, @case.Channel);
        Assert.Equal(saved.worker, @case.ReporterUserId);
        Assert.Equal(CaseApi.Tuanjie, @case.DivisionCode);
        Assert.Equal(saved.ownGrid, @case.GridId);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal("GridWorker", Assert.Single(@case.Timeline).ActorRole);
        Assert.Single(@case.Timeline[0].Attachments!.Split(';'));
        foreach (var page in new[] { first, second })
        {
            Assert.Contains($"data-testid=\"case-number\">{@case.Number}<", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/grid/cases/{@case.Id}\"", page, StringComparison.Ordinal);
        }
        // The replay's copy of the photo is not kept.
        Assert.Single(PhotoFiles().Except(filesBefore));
        Assert.Contains($"href=\"/grid/cases/{@case.Id}\"", Section(await grid.GetStringAsync("/grid"), "grid-mine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patrol_report_without_a_category_is_refused_in_chinese_and_files_nothing()
    {
        var grid = await SignedInAsync("demo-grid");
        var description = $"路灯不亮 {Guid.NewGuid():N}";
        var hidden = HiddenFields(await grid.GetStringAsync(ReportUrl));

        var response = await PostAsync(grid, ReportUrl, hidden, new Dictionary<string, string> { ["Input.Description"] = description });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择问题类型", page, StringComparison.Ordinal);
        Assert.Contains(description, page, StringComparison.Ordinal); // kept for the next try
        Assert.Equal(0, await CasesWithDescriptionAsync(description));
    }

    [Fact]
    public async Task Verifying_on_site_with_a_photo_adds_a_verify_event_with_the_photo()
    {
        var id = await _api.CaseAtAsync("resolved");
        var grid = await SignedInAsync("demo-grid");
        var before = await grid.GetStringAsync($"/grid/cases/{id}");

        var response = await ActAsync(grid, id, "verify", "现场查看，路面已修复平整", new Photo("现场.png", "image/png", TestImages.Png()));
        var after = await grid.GetStringAsync(Target(response));

        Assert.Contains("data-testid=\"grid-act-verify\"", before, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"grid-act-rework\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/grid/cases/{id}?done=verify", Target(response));
        Assert.Contains("已完成：核查通过。", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"case-status\">待反馈<", after, StringComparison.Ordinal);
        Assert.Contains("照片 1 张", after, StringComparison.Ordinal);
        var @case = await _api.GetAsync("demo-community-a", id);
        Assert.Equal("verified", @case.GetProperty("status").GetString());
        var verify = @case.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("verify", verify.GetProperty("action").GetString());
        Assert.Equal("现场查看，路面已修复平整", verify.GetProperty("note").GetString());
        var key = Assert.Single(verify.GetProperty("attachments").EnumerateArray()).GetString()!;
        Assert.Matches("^[0-9a-f]{32}\\.png$", key);
        // The phone shows the photo straight from the page, with its sign-in cookie.
        Assert.Contains($"src=\"/api/v1/photos/{key}\"", after, StringComparison.Ordinal);
        var photo = await grid.GetAsync($"/api/v1/photos/{key}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(TestImages.CleanPng(), await photo.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_in_chinese_and_changes_nothing()
    {
        var id = await _api.CaseAtAsync("resolved");
        var version = (await _api.GetAsync("demo-community-a", id)).GetProperty("version").GetInt32();
        var grid = await SignedInAsync("demo-grid");
        var filesBefore = PhotoFiles();

        // A good photo first: it must not stay behind when the second is refused.
        var response = await ActAsync(grid, id, "verify", "现场核查", new Photo("good.png", "image/png", TestImages.Png()),
            new Photo("photo.jpg", "image/jpeg", Pdf));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“photo.jpg”不是可以接受的照片", page, StringComparison.Ordinal);
        Assert.Contains("现场核查</textarea>", page, StringComparison.Ordinal);
        var @case = await _api.GetAsync("demo-community-a", id);
        Assert.Equal("resolved", @case.GetProperty("status").GetString());
        Assert.Equal(version, @case.GetProperty("version").GetInt32());
        Assert.Empty(PhotoFiles().Except(filesBefore));
    }

    [Fact]
    public async Task Sending_back_without_a_reason_is_refused_in_chinese_and_changes_nothing()
    {
        var id = await _api.CaseAtAsync("resolved");
        var grid = await SignedInAsync("demo-grid");

        var response = await ActAsync(grid, id, "rework", "  ");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("退回重办请填写原因", page, StringComparison.Ordinal);
        Assert.Equal("resolved", (await _api.GetAsync("demo-community-a", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_change_by_someone_else_since_the_page_was_opened_gives_the_conflict_message()
    {
        var id = await _api.CaseAtAsync("resolved");
        var grid = await SignedInAsync("demo-grid");
        var url = $"/grid/cases/{id}";
        var hidden = HiddenFields(await grid.GetStringAsync(url));
        // Meanwhile the community sends it back itself.
        await _api.DoAsync("demo-community-a", id, "rework", new { note = "社区复查：路面仍有积水" });

        var response = await PostAsync(grid, url, hidden, new Dictionary<string, string> { ["Input.Action"] = "verify", ["Input.Note"] = "现场核查通过" });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("这个诉求刚被其他人修改过，您的操作没有保存", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"grid-reload\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"case-status\">处置中<", page, StringComparison.Ordinal); // the case as it is now
        var @case = await _api.GetAsync("demo-community-a", id);
        Assert.Equal("inProgress", @case.GetProperty("status").GetString());
        Assert.Equal("rework", @case.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_case_handled_in_the_grid_gets_progress_and_is_reported_done_from_the_phone()
    {
        var id = (await _api.CreateAsync()).GetProperty("id").GetInt64();
        await _api.DoAsync("demo-community-a", id, "accept", new { handleIn = "grid" });
        var grid = await SignedInAsync("demo-grid");

        var progress = await ActAsync(grid, id, "progress", "已联系物业，明天上午修补");
        var empty = await (await ActAsync(grid, id, "resolve", null)).Content.ReadAsStringAsync();
        var statusAfterEmpty = (await _api.GetAsync("demo-community-a", id)).GetProperty("status").GetString();
        var resolve = await ActAsync(grid, id, "resolve", null, new Photo("修好了.png", "image/png", TestImages.Png()));

        Assert.Equal($"/grid/cases/{id}?done=progress", Target(progress));
        Assert.Contains("请填写处置说明或上传现场照片", empty, StringComparison.Ordinal);
        Assert.Equal("inProgress", statusAfterEmpty);
        Assert.Equal($"/grid/cases/{id}?done=resolve", Target(resolve));
        var @case = await _api.GetAsync("demo-community-a", id);
        Assert.Equal("resolved", @case.GetProperty("status").GetString());
        Assert.Equal(["submit", "accept", "progress", "resolve"], @case.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()!));
    }

    /// <summary>The markup of one &lt;section data-testid="…"&gt; of the queue page.</summary>
    private static string Section(string page, string testId)
    {
        var start = page.IndexOf($"<section data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section {testId} on the page:\n{page}");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

}
