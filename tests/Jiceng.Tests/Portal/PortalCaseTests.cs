using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiceng.Tests.Cases;
using Jiceng.Tests.Infrastructure;
using Jiceng.Tests.Platform;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Platform.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Portal;

/// <summary>The resident portal's static forms over HTTP: reporting a problem (with photos) and tracking and rating it.</summary>
public sealed partial class PortalCaseTests(PortalCaseTests.PortalApp app) : IClassFixture<PortalCaseTests.PortalApp>
{
    private const string ReportUrl = "/portal/c/" + CaseApi.Tuanjie + "/report";

    public sealed class PortalApp : PhotoFolderApp;

    private sealed record Photo(string FileName, string ContentType, byte[] Content);

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The report form's hidden fields (anti-forgery token, form name, idempotency key) as a browser got them.</summary>
    private static async Task<Dictionary<string, string>> OpenReportFormAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync(ReportUrl);
        return Forms.HiddenFields(page);
    }

    /// <summary>Posts the form as multipart/form-data, as the page's enctype makes a browser do.</summary>
    private static async Task<HttpResponseMessage> PostReportAsync(HttpClient browser, Dictionary<string, string> hidden,
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
        return await browser.PostAsync(ReportUrl, content);
    }

    private static Dictionary<string, string> Report(string description, string? name = null, string? phone = null, string? address = null)
    {
        var fields = new Dictionary<string, string> { ["Input.CategoryCode"] = "roads", ["Input.Description"] = description };
        if (name is not null) fields["Input.Name"] = name;
        if (phone is not null) fields["Input.Phone"] = phone;
        if (address is not null) fields["Input.Address"] = address;
        return fields;
    }

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 9)];

    private static string TrackingCodeIn(string page) => TrackingCode().Match(page) is { Success: true } m ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("No tracking code on the page:\n" + page);

    private Task<int> CaseCountAsync() => app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync());

    /// <summary>Finds the case through the staff API, as the community sees it.</summary>
    private async Task<JsonElement> CaseSeenByTheCommunityAsync(string description)
    {
        var api = new CaseApi(app);
        var list = await (await (await api.As("demo-community-a")).GetAsync("/api/v1/cases?pageSize=200")).ReadOkAsync<JsonElement>();
        var id = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("summary").GetString() == description).GetProperty("id").GetInt64();
        return await api.GetAsync("demo-community-a", id);
    }

    [Fact]
    public async Task A_report_from_the_portal_reaches_the_community_with_channel_portal()
    {
        var browser = Browser();
        var description = Unique("小区门口的路灯坏了三天");

        var response = await PostReportAsync(browser, await OpenReportFormAsync(browser), Report(description, "王小明", "13912345678", "团结小区3号楼"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已收到您的反映", page, StringComparison.Ordinal);
        var code = TrackingCodeIn(page);
        Assert.Contains($"href=\"/track/{code}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        var @case = await CaseSeenByTheCommunityAsync(description);
        Assert.Equal("portal", @case.GetProperty("channel").GetString());
        Assert.Equal("roads", @case.GetProperty("categoryCode").GetString());
        Assert.Equal(code, @case.GetProperty("trackingCode").GetString());
        Assert.Contains(@case.GetProperty("number").GetString()!, page, StringComparison.Ordinal);
        Assert.Equal("139****5678", @case.GetProperty("reporterPhoneMasked").GetString());
    }

    [Fact]
    public async Task The_categories_are_named_in_the_active_language()
    {
        var english = Browser();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var chinesePage = await Browser().GetStringAsync(ReportUrl);
        var englishPage = await english.GetStringAsync(ReportUrl);

        Assert.Contains("""<option value="roads">道路</option>""", chinesePage, StringComparison.Ordinal);
        Assert.Contains("""<option value="roads">Roads</option>""", englishPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_same_form_twice_files_one_case()
    {
        var browser = Browser();
        var description = Unique("垃圾桶满了没人清运");
        var form = await OpenReportFormAsync(browser);
        var before = await CaseCountAsync();

        var first = await (await PostReportAsync(browser, form, Report(description))).Content.ReadAsStringAsync();
        var second = await (await PostReportAsync(browser, form, Report(description))).Content.ReadAsStringAsync();

        Assert.Equal(TrackingCodeIn(first), TrackingCodeIn(second));
        Assert.Equal(before + 1, await CaseCountAsync());
        await CaseSeenByTheCommunityAsync(description);
    }

    [Fact]
    public async Task A_too_short_description_is_refused_in_chinese_keeps_the_input_and_creates_nothing()
    {
        var browser = Browser();
        var before = await CaseCountAsync();

        var response = await PostReportAsync(browser, await OpenReportFormAsync(browser), Report("坑", address: "团结小区北门"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("问题描述需要 5 至 2000 个字", page, StringComparison.Ordinal);
        Assert.Contains("value=\"团结小区北门\"", page, StringComparison.Ordinal);
        Assert.Matches("""<option value="roads" selected""", page);
        Assert.DoesNotContain("data-testid=\"tracking-code\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_in_chinese_and_creates_nothing()
    {
        var browser = Browser();
        var before = await CaseCountAsync();
        // Other tests of this class store photos in the same folder: what matters is that this one adds none.
        var filesBefore = Directory.EnumerateFiles(app.PhotoFolder, "*", SearchOption.AllDirectories).ToHashSet();
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");

        // A good photo first: it must not stay behind when the second is refused.
        var response = await PostReportAsync(browser, await OpenReportFormAsync(browser), Report(Unique("井盖松动，晚上很危险")),
            new Photo("good.png", "image/png", TestImages.Png()), new Photo("photo.jpg", "image/jpeg", pdf));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“photo.jpg”不是可以接受的照片", page, StringComparison.Ordinal);
        Assert.Contains("照片需要重新选择", page, StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
        var added = Directory.EnumerateFiles(app.PhotoFolder, "*", SearchOption.AllDirectories).Where(f => !filesBefore.Contains(f)).ToList();
        Assert.Empty(added);
    }

    [Fact]
    public async Task A_real_png_is_accepted_and_its_key_is_in_the_timeline()
    {
        var browser = Browser();
        var description = Unique("路面塌陷，见照片");

        var response = await PostReportAsync(browser, await OpenReportFormAsync(browser), Report(description),
            new Photo("路面.png", "image/png", TestImages.Png()));
        TrackingCodeIn(await response.Content.ReadAsStringAsync());

        var submit = (await CaseSeenByTheCommunityAsync(description)).GetProperty("timeline")[0];
        var key = Assert.Single(submit.GetProperty("attachments").EnumerateArray()).GetString()!;
        Assert.Matches("^[0-9a-f]{32}\\.png$", key);
        var photo = await (await new CaseApi(app).As("demo-community-a")).GetAsync($"/api/v1/photos/{key}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(TestImages.CleanPng(), await photo.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_tracking_page_shows_the_status_and_no_personal_data()
    {
        var browser = Browser();
        var created = await (await PostReportAsync(browser, await OpenReportFormAsync(browser),
            Report(Unique("楼道灯不亮"), "李四", "0458-1234567", "团结小区7号楼2单元"))).Content.ReadAsStringAsync();
        var code = TrackingCodeIn(created);

        var response = await browser.GetAsync($"/track/{code}");
        var page = await response.Content.ReadAsStringAsync();
        var lookup = await browser.GetAsync($"/track?code={code.ToLowerInvariant()[..5]}+{code.ToLowerInvariant()[5..]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已提交，等待受理", page, StringComparison.Ordinal);
        Assert.Contains("道路", page, StringComparison.Ordinal);
        Assert.Contains("提交诉求", page, StringComparison.Ordinal);
        foreach (var personal in new[] { "李四", "0458-1234567", "1234567", "7号楼" })
        {
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Redirect, lookup.StatusCode);
        Assert.EndsWith($"/track/{code}", lookup.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tracking_code_or_community_says_so_in_chinese_with_404()
    {
        var track = await Browser().GetAsync("/track/ZZZZZZZZZZ");
        var report = await Browser().GetAsync("/portal/c/999999999999/report");

        Assert.Equal(HttpStatusCode.NotFound, track.StatusCode);
        Assert.Contains("没有找到这个查询码对应的诉求", await track.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.Contains("页面不存在", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_through_the_tracking_page_closes_the_case_with_the_chosen_satisfaction()
    {
        var api = new CaseApi(app);
        var id = await api.CaseAtAsync("feedbackGiven");
        var code = (await api.GetAsync("demo-community-a", id)).GetProperty("trackingCode").GetString()!;
        var browser = Browser();
        var url = $"/track/{code}";

        var before = await browser.GetStringAsync(url);
        var fields = Forms.HiddenFields(before).ToList()
            .Append(KeyValuePair.Create("Input.Satisfaction", "Basic")).Append(KeyValuePair.Create("Input.Solved", "false"))
            .Append(KeyValuePair.Create("Input.Note", "修好了，但施工太慢")).ToList();
        var rated = await browser.PostAsync(url, new FormUrlEncodedContent(fields));
        var ratedPage = await rated.Content.ReadAsStringAsync();
        // The browser posts the same form again (refresh): answered in words, the first rating stays.
        var again = await browser.PostAsync(url, new FormUrlEncodedContent(fields));
        var againPage = await again.Content.ReadAsStringAsync();

        Assert.Contains("已回复，请您评价", before, StringComparison.Ordinal);
        Assert.Contains("路面已修复，感谢您的反映", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Contains("感谢您的评价", ratedPage, StringComparison.Ordinal);
        Assert.Contains("已办结", ratedPage, StringComparison.Ordinal);
        Assert.Contains("基本满意", ratedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Satisfaction\"", ratedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("这个诉求现在不能评价", againPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Satisfaction\"", againPage, StringComparison.Ordinal);
        var @case = await api.GetAsync("demo-community-a", id);
        Assert.Equal("closed", @case.GetProperty("status").GetString());
        Assert.Equal("basic", @case.GetProperty("satisfaction").GetString());
        Assert.False(@case.GetProperty("solved").GetBoolean());
        Assert.EndsWith("修好了，但施工太慢", @case.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_status_action_and_rating_has_a_text_in_both_languages()
    {
        // The pages build these keys at run time, which the usual used-key check cannot see.
        var keys = Enum.GetNames<CaseStatus>().Select(s => "track.status." + s)
            .Concat(CaseActions.Transitions.Append(CaseActions.Submit).Select(a => "track.action." + a))
            .Concat(Enum.GetNames<RatingChoice>().Concat(Enum.GetNames<Satisfaction>()).Select(s => "track.satisfaction." + s));

        var missing = Texts.Cultures.SelectMany(culture => keys.Where(k => !Texts.For(culture).ContainsKey(k)).Select(k => $"{culture}: {k}")).ToList();
        Assert.Empty(missing);
    }

    [GeneratedRegex("""data-testid="tracking-code">([0-9A-Z]{10})<""")]
    private static partial Regex TrackingCode();
}
