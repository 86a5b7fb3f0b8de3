using Jiceng.Web.Data;
using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.BrowserTests;

/// <summary>A community's staff add a resident by hand: a wrong ID number is refused beside its field, the corrected one is registered and then moved into a household.</summary>
public sealed class ResidentsCreateBrowserTests(BrowserFixture app)
{
    /// <summary>A valid ID number born in 1948 (no other browser test uses that year) with random sequence digits above the demo data's (100-311).</summary>
    private static string NewIdNumber()
    {
        var first17 = $"2307251948{Random.Shared.Next(1, 13):D2}{Random.Shared.Next(1, 29):D2}{Random.Shared.Next(500, 1000):D3}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    private async Task<int> CountNamedAsync(string name)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().People.CountAsync(p => p.Name == name);
    }

    /// <summary>
    /// Closes a multi-select's list with Escape on its input (which carries the test id). A key pressed while the choice is still on its way to the
    /// server can be lost, so it is pressed again until the list is gone.
    /// </summary>
    private static async Task CloseListAsync(IPage page, string testId)
    {
        var open = page.Locator(".mud-popover-open [role=option]");
        for (var attempt = 0; attempt < 5 && await open.CountAsync() > 0; attempt++)
        {
            await page.GetByTestId(testId).PressAsync("Escape");
            try
            {
                await Expect(open).ToHaveCountAsync(0, new() { Timeout = 1000 });
            }
            catch (PlaywrightException)
            {
                // Still open: press again.
            }
        }
        await Expect(open).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_wrong_check_digit_is_refused_beside_the_id_field_and_the_corrected_resident_opens_masked_with_the_key_group()
    {
        await using var context = await app.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "demo-community-a");
        await page.GotoAsync("/residents");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("residents-new").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/residents/new$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        var name = "新" + Guid.NewGuid().ToString("N")[..4];
        var idNumber = NewIdNumber();
        var wrong = idNumber[..17] + (idNumber[17] == '1' ? '2' : '1');
        // The community is preselected: the account has one.
        await Expect(page.GetByTestId("new-division")).ToContainTextAsync("团结");
        await page.GetByTestId("new-name").FillAsync(name);
        await page.GetByTestId("new-id-number").FillAsync(wrong);
        await page.GetByTestId("new-phone").FillAsync("13712345678");
        await page.GetByTestId("new-tags").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "独居老人" }).ClickAsync();
        await CloseListAsync(page, "new-tags");
        await page.GetByTestId("new-save").ClickAsync();

        await Expect(page.GetByTestId("new-id-number-field")).ToContainTextAsync("身份证号校验位不正确");
        await Expect(page.GetByTestId("new-id-number-field")).Not.ToContainTextAsync("check digit");
        await Expect(page).ToHaveURLAsync(new Regex("/residents/new$"));
        await BrowserFixture.ScreenshotAsync(page, "resident-new-refused");
        Assert.Equal(0, await CountNamedAsync(name));

        await page.GetByTestId("new-id-number").FillAsync(idNumber);
        await page.GetByTestId("new-save").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/residents/[0-9a-f-]{36}$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("resident-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("resident-id-number")).ToHaveTextAsync(idNumber[..6] + "********" + idNumber[^4..]);
        await Expect(page.GetByTestId("resident-phone")).ToHaveTextAsync("137****5678");
        await Expect(page.GetByTestId("resident-tag-elderly-alone")).ToContainTextAsync("独居老人");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(idNumber);
        await BrowserFixture.ScreenshotAsync(page, "resident-new-created");
        Assert.Equal(1, await CountNamedAsync(name));

        // Not in a household yet: moving to a room of a demo building makes one, which the person heads.
        await Expect(page.GetByTestId("resident-no-household")).ToBeVisibleAsync();
        await page.GetByTestId("resident-move").ClickAsync();
        await page.GetByTestId("move-building").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
        await page.GetByTestId("move-unit").FillAsync("2");
        await page.GetByTestId("move-room").FillAsync("9" + Random.Shared.Next(10, 99));
        await page.GetByTestId("move-save").ClickAsync();
        var members = page.GetByTestId("resident-household-card").GetByTestId("household-members-table");
        await Expect(members).ToContainTextAsync(name);
        await Expect(members).ToContainTextAsync("户主");
        await Expect(page.GetByTestId("resident-household-place")).ToContainTextAsync("2单元");
        await Expect(page.GetByTestId("resident-household-place")).ToContainTextAsync("****");
    }
}
