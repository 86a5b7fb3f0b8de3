using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.Platform;

public sealed class WebSurfaceTests(SharedApp app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_answer_without_login(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_whole_api()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadOkAsync<JsonElement>();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/divisions/{code}", paths);
        Assert.Contains("/api/v1/divisions/{code}/children", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.Contains("/api/v1/accounts", paths);
        Assert.Contains("/healthz", paths);
        Assert.Equal("Login", document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task The_login_page_speaks_chinese_by_default_and_english_after_the_switch()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var chinese = await client.GetStringAsync("/account/login");
        var switchResponse = await client.GetAsync("/culture/en?returnUrl=/account/login");
        var cookie = switchResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var english = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("lang=\"zh-CN\"", chinese, StringComparison.Ordinal);
        Assert.Contains("用户名", chinese, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/account/login", switchResponse.Headers.Location?.OriginalString);
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
        Assert.Contains("User name", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture/en?returnUrl=//evil.example/");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Console_pages_send_anonymous_visitors_to_the_login_page()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/org");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resident_portal_renders_a_community_without_login()
    {
        var html = await app.CreateClient().GetStringAsync("/portal/c/230725100001");
        var county = await app.CreateClient().GetStringAsync("/portal/area/230725");

        Assert.Contains("团结社区", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"_framework/blazor.web.js\"", html, StringComparison.Ordinal);
        Assert.Contains("带岭镇", county, StringComparison.Ordinal);
        Assert.Contains("/portal/area/230725100", county, StringComparison.Ordinal);
    }
}
