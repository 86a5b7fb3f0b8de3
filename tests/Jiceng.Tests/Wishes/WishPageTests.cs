using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jiceng.Tests.Wishes;

/// <summary>The static phone pages: the public wall shows no personal data; the personal pages ask for sign-in.</summary>
public sealed class WishPageTests(SharedApp app)
{
    [Fact]
    public async Task The_wall_page_shows_approved_demo_wishes_without_personal_data()
    {
        var client = app.CreateClient();

        var html = await client.GetStringAsync($"/portal/c/{WishWorld.Tuanjie}/wishes");

        Assert.Contains("想要一辆轻便轮椅", html);       // on the wall
        Assert.DoesNotContain("想要一台助听器", html);    // waiting for review
        Assert.DoesNotContain("想要一台新电视", html);    // rejected
        Assert.Contains("张**", html);                  // shown masked, as the wisher allowed
        Assert.DoesNotContain("张秀兰", html);
        Assert.DoesNotContain("李桂芝", html);           // not allowed at all
        Assert.DoesNotContain("李*", html);
        Assert.DoesNotContain("1394602", html);
        Assert.Contains("感谢党员同志", html);             // public thanks
        Assert.Contains($"/portal/c/{WishWorld.Tuanjie}/wishes", await client.GetStringAsync($"/portal/c/{WishWorld.Tuanjie}"));
    }

    [Theory]
    [InlineData("/me/wishes")]
    [InlineData("/portal/c/230725100001/wishes/new")]
    public async Task Personal_wish_pages_ask_for_sign_in_and_come_back(string path)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/login", location);
        Assert.Contains(Uri.EscapeDataString(path), location);
    }

    [Fact]
    public async Task A_wish_photo_is_attached_by_its_uploader_only_and_public_once_approved()
    {
        var w = new WishWorld(app);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestImages.Jpeg());
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "书包.jpg");
        var key = (await (await (await w.As("demo-resident")).PostAsync("/api/v1/wishes/photos", form)).ReadOkAsync<JsonElement>()).GetProperty("key").GetString();

        var body = new { title = "想要一盏护眼台灯", description = "孩子写作业光线太暗", divisionCode = WishWorld.Tuanjie, photoKey = key };
        await (await w.PostAsync("demo-party", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "photo_unknown");
        var id = (await (await w.PostAsync("demo-resident", body)).ReadOkAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await w.PostAsync("demo-resident", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "photo_unknown"); // one wish per photo

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/wishes/{id}/photo")).StatusCode);
        await w.DoAsync("demo-community-a", id, "approve");
        var photo = await anonymous.GetAsync($"/api/v1/wishes/{id}/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestImages.CleanJpeg(), await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/wishes/{id}/evidence-photo")).StatusCode);
    }
}
