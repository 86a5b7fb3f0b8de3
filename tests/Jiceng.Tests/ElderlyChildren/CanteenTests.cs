using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>Canteen orders with the "三个一点" split, the monthly settlement per funder, the Excel export, scope and the public page.</summary>
/// <summary>One app for the canteen tests: Fri 20 Feb 2026, 10:00 in China, background jobs off.</summary>
public sealed class CanteenApp : JicengAppFactory
{
    public CanteenApp()
    {
        Start = new DateTimeOffset(2026, 2, 20, 2, 0, 0, TimeSpan.Zero);
        Settings = new Dictionary<string, string>
        {
            ["Care:VisitReminderMonitorEnabled"] = "false", ["Cases:DeadlineMonitorEnabled"] = "false", ["Notifications:DispatcherEnabled"] = "false",
        };
    }
}

public sealed class CanteenTests(CanteenApp app) : IClassFixture<CanteenApp>
{
    private readonly JicengAppFactory _app = app;
    private readonly ElderlyWorld _world = new(app);

    private const string Staff = "demo-community-a";

    private async Task<JsonElement> OrderAsync(Guid canteen, Guid meal, Guid person)
    {
        var response = await _world.PostAsync(Staff, $"/api/v1/canteens/{canteen}/orders", new { menuItemId = meal, personId = person });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadOkAsync<JsonElement>();
    }

    private static (long Elderly, long Government, long Community, string? Band) Split(JsonElement order) =>
        (order.GetProperty("elderlyFen").GetInt64(), order.GetProperty("governmentFen").GetInt64(), order.GetProperty("communityFen").GetInt64(),
            order.GetProperty("band").GetString());

    [Fact]
    public async Task An_order_gets_its_band_split_by_age_at_the_meal_date_and_keeps_it_when_the_rules_change()
    {
        var canteen = await _world.CanteenAsync(Staff, ElderlyWorld.Tuanjie, "东安社区食堂（测试）");
        await _world.DemoRulesAsync(Staff, canteen);
        // Dates from the app's clock (the settlement test moves it on).
        var today = Jiceng.Web.Platform.Time.WorkingCalendar.LocalDate(_app.Clock.GetUtcNow().UtcDateTime);
        var dayOne = today.AddDays(6);
        var thursday = await _world.MealAsync(Staff, canteen, dayOne);
        var friday = await _world.MealAsync(Staff, canteen, dayOne.AddDays(1));

        var veryOld = await _world.PersonAsync(ElderlyWorld.Tuanjie, "周桂兰", new DateOnly(1940, 1, 1));
        var dibao = await _world.PersonAsync(ElderlyWorld.Tuanjie, "孙建国", new DateOnly(1970, 5, 5), ["dibao"]);
        var sixties = await _world.PersonAsync(ElderlyWorld.Tuanjie, "吴志明", new DateOnly(1960, 1, 1));
        var sixtiesOnDibao = await _world.PersonAsync(ElderlyWorld.Tuanjie, "郑秀英", new DateOnly(1961, 3, 3), ["dibao"]);
        var young = await _world.PersonAsync(ElderlyWorld.Tuanjie, "王小军", new DateOnly(1985, 6, 6));
        // Turns 80 on the second meal's day: 79 at the first meal, 80 at the second (and 79 today).
        var birthday = await _world.PersonAsync(ElderlyWorld.Tuanjie, "冯德福", dayOne.AddDays(1).AddYears(-80));

        Assert.Equal((500L, 600L, 400L, "80岁及以上"), Split(await OrderAsync(canteen, thursday, veryOld)));
        Assert.Equal((500L, 600L, 400L, "低保"), Split(await OrderAsync(canteen, thursday, dibao)));
        Assert.Equal((1000L, 300L, 200L, "60–79岁"), Split(await OrderAsync(canteen, thursday, sixties)));
        Assert.Equal((500L, 600L, 400L, "低保"), Split(await OrderAsync(canteen, thursday, sixtiesOnDibao)));
        Assert.Equal((1500L, 0L, 0L, (string?)null), Split(await OrderAsync(canteen, thursday, young)));
        Assert.Equal((1000L, 300L, 200L, "60–79岁"), Split(await OrderAsync(canteen, thursday, birthday)));
        var atEighty = await OrderAsync(canteen, friday, birthday);
        Assert.Equal((500L, 600L, 400L, "80岁及以上"), Split(atEighty));

        // The same meal twice for one person: refused.
        var again = await _world.PostAsync(Staff, $"/api/v1/canteens/{canteen}/orders", new { menuItemId = friday, personId = birthday });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        // The government pays more from now on: the order already placed keeps its split, a new one gets the new rule.
        await _world.PutOkAsync(Staff, $"/api/v1/canteens/{canteen}/rules",
            new { bands = new[] { new { label = "80岁及以上", minAge = 80, kind = "fixedFen", governmentShare = 1000, communityShare = 500 } } });
        var kept = await _world.GetOkAsync(Staff, $"/api/v1/canteens/{canteen}/orders/{atEighty.GetProperty("id").GetGuid()}");
        Assert.Equal((500L, 600L, 400L, "80岁及以上"), Split(kept));
        Assert.Equal((0L, 1000L, 500L, "80岁及以上"), Split(await OrderAsync(canteen, friday, veryOld)));

        // A person of another community cannot be ordered for here.
        var other = await _world.PersonAsync(ElderlyWorld.Yuxi, "育西老人", new DateOnly(1940, 1, 1));
        var foreign = await _world.PostAsync(Staff, $"/api/v1/canteens/{canteen}/orders", new { menuItemId = friday, personId = other });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task The_monthly_settlement_equals_the_live_orders_of_the_China_month_per_funder_and_exports()
    {
        var canteen = await _world.CanteenAsync(Staff, ElderlyWorld.Tuanjie, "南兴社区食堂（测试）");
        await _world.DemoRulesAsync(Staff, canteen);
        var lateFebruary = await _world.MealAsync(Staff, canteen, new DateOnly(2026, 2, 28), "23:30", 1500, "dinner");
        var firstOfMarch = await _world.MealAsync(Staff, canteen, new DateOnly(2026, 3, 1), "00:30", 1200, "breakfast");
        var march = await _world.MealAsync(Staff, canteen, new DateOnly(2026, 3, 2), "11:00", 1500);
        var people = new List<Guid>();
        foreach (var (name, year, tags) in new[] { ("陈老太", 1938, Array.Empty<string>()), ("何大爷", 1958, []), ("刘阿姨", 1975, ["tekun"]), ("马先生", 1990, []) })
            people.Add(await _world.PersonAsync(ElderlyWorld.Tuanjie, name, new DateOnly(year, 4, 1), tags));

        var orders = new List<JsonElement>();
        foreach (var person in people)
        {
            orders.Add(await OrderAsync(canteen, lateFebruary, person));
            orders.Add(await OrderAsync(canteen, firstOfMarch, person));
            orders.Add(await OrderAsync(canteen, march, person));
        }
        // One March order is cancelled before its meal: it is not settled.
        var cancelled = orders.Single(o => o.GetProperty("personId").GetGuid() == people[0] && o.GetProperty("mealDate").GetString() == "2026-03-02");
        var cancel = await _world.PostOkAsync(Staff, $"/api/v1/canteens/{canteen}/orders/{cancelled.GetProperty("id").GetGuid()}/cancel", new { });
        Assert.Equal("cancelled", cancel.GetProperty("status").GetString());

        var settlement = await _world.GetOkAsync(Staff, $"/api/v1/canteens/{canteen}/settlement?month=2026-03");
        var expected = orders.Where(o => o.GetProperty("mealDate").GetString()!.StartsWith("2026-03", StringComparison.Ordinal) && o.GetProperty("id").GetGuid() != cancelled.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(7, expected.Count); // 4 on 1 March (00:30 China time, still 28 Feb in UTC) + 3 on 2 March
        Assert.Equal(expected.Count, settlement.GetProperty("orders").GetInt32());
        Assert.Equal(4, settlement.GetProperty("people").GetInt32());
        foreach (var field in new[] { "priceFen", "elderlyFen", "governmentFen", "communityFen" })
            Assert.Equal(expected.Sum(o => o.GetProperty(field).GetInt64()), settlement.GetProperty(field).GetInt64());
        Assert.Equal(settlement.GetProperty("priceFen").GetInt64(),
            settlement.GetProperty("elderlyFen").GetInt64() + settlement.GetProperty("governmentFen").GetInt64() + settlement.GetProperty("communityFen").GetInt64());
        var funders = settlement.GetProperty("funders").EnumerateArray().ToDictionary(f => f.GetProperty("funder").GetString()!);
        Assert.Equal(expected.Sum(o => o.GetProperty("governmentFen").GetInt64()), funders["government"].GetProperty("amountFen").GetInt64());
        Assert.Equal(expected.Count(o => o.GetProperty("governmentFen").GetInt64() > 0), funders["government"].GetProperty("orders").GetInt32());
        Assert.Equal(expected.Sum(o => o.GetProperty("communityFen").GetInt64()), funders["community"].GetProperty("amountFen").GetInt64());
        Assert.Equal(expected.Sum(o => o.GetProperty("elderlyFen").GetInt64()), funders["elderly"].GetProperty("amountFen").GetInt64());

        var february = await _world.GetOkAsync(Staff, $"/api/v1/canteens/{canteen}/settlement?month=2026-02");
        Assert.Equal(4, february.GetProperty("orders").GetInt32());
        Assert.Equal(orders.Where(o => o.GetProperty("mealDate").GetString() == "2026-02-28").Sum(o => o.GetProperty("governmentFen").GetInt64()),
            february.GetProperty("governmentFen").GetInt64());

        // The Excel export opens and carries the same government total (in yuan).
        var file = await (await _world.Care.As(Staff)).GetAsync($"/api/v1/canteens/{canteen}/settlement.xlsx?month=2026-03");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "按出资方").Cast<IDictionary<string, object>>().ToList();
        var governmentRow = rows.Single(r => (string)r["出资方"] == "政府投入");
        Assert.Equal(funders["government"].GetProperty("amountFen").GetInt64() / 100m, Convert.ToDecimal(governmentRow["金额（元）"], System.Globalization.CultureInfo.InvariantCulture));

        // Bad month: 400, nothing else.
        await (await _world.GetAsync(Staff, $"/api/v1/canteens/{canteen}/settlement?month=March")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        // 育西 staff see nothing of 团结's canteen.
        var orderId = expected[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", $"/api/v1/canteens/{canteen}/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", $"/api/v1/canteens/{canteen}/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.GetAsync("demo-community-b", $"/api/v1/canteens/{canteen}/settlement?month=2026-03")).StatusCode);
        var theirs = await _world.GetOkAsync("demo-community-b", "/api/v1/canteens");
        Assert.DoesNotContain(theirs.EnumerateArray(), c => c.GetProperty("id").GetGuid() == canteen);
        Assert.Equal(HttpStatusCode.Forbidden, (await _world.GetAsync("demo-resident", $"/api/v1/canteens/{canteen}/orders")).StatusCode);

        // After the meal is served an order can no longer be cancelled.
        _app.Clock.Advance(TimeSpan.FromDays(10));
        _world.Care.SignInAgain();
        var late = await _world.PostAsync(Staff, $"/api/v1/canteens/{canteen}/orders/{orderId}/cancel", new { });
        await late.AssertProblemAsync(HttpStatusCode.Conflict, "too_late_to_cancel");
    }

    [Fact]
    public async Task A_canteen_and_a_care_station_are_edited_with_if_match_and_deactivated_keeping_their_history()
    {
        var canteen = await _world.CanteenAsync(Staff, ElderlyWorld.Tuanjie, "红旗社区食堂（测试）");
        var url = $"/api/v1/canteens/{canteen}";
        var today = Jiceng.Web.Platform.Time.WorkingCalendar.LocalDate(_app.Clock.GetUtcNow().UtcDateTime);
        var meal = await _world.MealAsync(Staff, canteen, today.AddDays(2));
        var order = await OrderAsync(canteen, meal, await _world.PersonAsync(ElderlyWorld.Tuanjie, "赵玉珍", new DateOnly(1942, 2, 2)));

        var read = await _world.GetAsync(Staff, url);
        var etag = read.Headers.ETag!.Tag;
        var edit = new { name = "红旗社区长者食堂（测试）", place = "红旗小区3号楼一层", mealTimes = "午餐 11:00–12:30；晚餐 17:00–18:00" };
        var edited = await (await _world.SendAsync(Staff, HttpMethod.Put, url, edit, etag)).ReadOkAsync<JsonElement>();
        Assert.Equal("红旗小区3号楼一层", edited.GetProperty("place").GetString());
        Assert.True(edited.GetProperty("version").GetInt32() > (await read.ReadOkAsync<JsonElement>()).GetProperty("version").GetInt32());
        // The version read before the edit is stale now: 409 conflict, nothing changes; bad input: 400.
        await (await _world.SendAsync(Staff, HttpMethod.Put, url, new { name = "过期的名称", place = "某处" }, etag)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _world.SendAsync(Staff, HttpMethod.Put, url, new { name = "", place = "某处" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("红旗社区长者食堂（测试）", (await _world.GetOkAsync(Staff, url)).GetProperty("name").GetString());
        // Another community's worker: not found, to read, edit or deactivate.
        Assert.Equal(HttpStatusCode.NotFound, (await _world.SendAsync("demo-community-b", HttpMethod.Put, url, edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.PostAsync("demo-community-b", $"{url}/deactivate", new { })).StatusCode);

        var off = await (await _world.SendAsync(Staff, HttpMethod.Post, $"{url}/deactivate", null, $"\"{edited.GetProperty("version").GetInt32()}\"")).ReadOkAsync<JsonElement>();
        Assert.False(off.GetProperty("active").GetBoolean());
        // Out of service: no new order and no new meal; the order placed before stays, and the canteen leaves the portal.
        var late = await _world.PersonAsync(ElderlyWorld.Tuanjie, "钱秀芳", new DateOnly(1944, 4, 4));
        await (await _world.PostAsync(Staff, $"{url}/orders", new { menuItemId = meal, personId = late })).AssertProblemAsync(HttpStatusCode.Conflict, "canteen_inactive");
        await (await _world.PostAsync(Staff, $"{url}/menu", new { date = today.AddDays(3), meal = "lunch", title = "午餐", dishes = "米饭", priceFen = 1200 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "canteen_inactive");
        var orders = await _world.GetOkAsync(Staff, $"{url}/orders");
        Assert.Equal([order.GetProperty("id").GetGuid()], orders.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        var portal = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetStringAsync($"/portal/c/{ElderlyWorld.Tuanjie}/canteen");
        Assert.DoesNotContain("红旗社区长者食堂（测试）", portal);
        Assert.Contains((await _world.GetOkAsync(Staff, $"/api/v1/canteens?division={ElderlyWorld.Tuanjie}")).EnumerateArray(),
            c => c.GetProperty("id").GetGuid() == canteen && !c.GetProperty("active").GetBoolean());
        // Back in service: orders again.
        await (await _world.PostAsync(Staff, $"{url}/reactivate", new { })).ReadOkAsync<JsonElement>();
        await OrderAsync(canteen, meal, late);

        // A care station: edit, then out of service: no new health check; the earlier one stays.
        var station = (await _world.PostOkAsync(Staff, "/api/v1/elderly/stations", new { divisionCode = ElderlyWorld.Tuanjie, name = "红旗养老驿站（测试）", place = "红旗小区5号楼" }))
            .GetProperty("id").GetGuid();
        var stationUrl = $"/api/v1/elderly/stations/{station}";
        var check = new { stationId = station, personId = late, systolic = 128, diastolic = 82 };
        await _world.PostOkAsync(Staff, "/api/v1/elderly/health-checks", check);
        var stationEtag = (await _world.GetAsync(Staff, stationUrl)).Headers.ETag!.Tag;
        var stationEdit = new { name = "红旗社区养老驿站（测试）", place = "红旗小区5号楼一层", openingHours = "周一至周六 8:00–17:00" };
        Assert.Equal("周一至周六 8:00–17:00", (await (await _world.SendAsync(Staff, HttpMethod.Put, stationUrl, stationEdit, stationEtag)).ReadOkAsync<JsonElement>())
            .GetProperty("openingHours").GetString());
        await (await _world.SendAsync(Staff, HttpMethod.Put, stationUrl, stationEdit, stationEtag)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NotFound, (await _world.SendAsync("demo-community-b", HttpMethod.Put, stationUrl, stationEdit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.PostAsync("demo-community-b", $"{stationUrl}/deactivate", new { })).StatusCode);
        Assert.False((await _world.PostOkAsync(Staff, $"{stationUrl}/deactivate", new { })).GetProperty("active").GetBoolean());
        await (await _world.PostAsync(Staff, "/api/v1/elderly/health-checks", check)).AssertProblemAsync(HttpStatusCode.Conflict, "station_inactive");
        Assert.Single((await _world.GetOkAsync(Staff, $"/api/v1/elderly/health-checks?stationId={station}")).EnumerateArray());

        // The console renders the edit and deactivate controls, and its date pickers start at today in China on the app's clock.
        var console = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await Forms.SubmitAsync(console, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = Staff, ["Input.Password"] = JicengAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var html = await console.GetStringAsync("/elderly-children");
        Assert.Contains("data-testid=\"canteen-edit\"", html);
        Assert.Contains("data-testid=\"canteen-active\"", html); // the other tabs render when opened
        var appToday = Jiceng.Web.Platform.Time.WorkingCalendar.LocalDate(_app.Clock.GetUtcNow().UtcDateTime);
        Assert.NotEqual(DateOnly.FromDateTime(DateTime.Today), appToday); // the fake clock is far from the machine's date
        Assert.Contains($"value=\"{appToday:yyyy-MM-dd}\"", html);
    }

    /// <summary>Posts one of a page's several forms (each has its own handler name; the anti-forgery token is shared).</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string url, string handler)
    {
        var page = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token), ["_handler"] = handler,
        }));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_public_canteen_page_shows_the_week_menu_prices_and_subsidies_without_personal_data()
    {
        var canteen = await _world.CanteenAsync(Staff, ElderlyWorld.Tuanjie, "水源社区食堂（测试）");
        await _world.DemoRulesAsync(Staff, canteen);
        var tomorrow = Jiceng.Web.Platform.Time.WorkingCalendar.LocalDate(_app.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var item = await _world.PostOkAsync(Staff, $"/api/v1/canteens/{canteen}/menu",
            new { date = tomorrow, meal = "lunch", title = "长寿套餐", dishes = "清蒸鲈鱼、香菇油菜、杂粮饭", priceFen = 1600 });
        var diner = await _world.PersonAsync(ElderlyWorld.Tuanjie, "欧阳秀兰", new DateOnly(1939, 8, 8));
        await OrderAsync(canteen, item.GetProperty("id").GetGuid(), diner);

        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync($"/portal/c/{ElderlyWorld.Tuanjie}/canteen");
        Assert.Contains("水源社区食堂（测试）", page);
        Assert.Contains("清蒸鲈鱼、香菇油菜、杂粮饭", page);
        Assert.Contains("16.00 元", page);
        Assert.Contains("80岁及以上", page);
        Assert.Contains("政府补贴 6.00 元", page);
        Assert.DoesNotContain("欧阳秀兰", page);
        Assert.DoesNotContain("欧阳", page);

        Assert.Contains("data-testid=\"canteen-login\"", page);
        Assert.DoesNotContain("meal-order-", page);

        // A resident with a record in the community orders for themselves: their own band applies, and they can cancel.
        var itemId = item.GetProperty("id").GetGuid();
        var userName = "diner-" + Guid.NewGuid().ToString("N")[..6];
        var account = await _world.Care.AccountAsync(userName, Jiceng.Web.Platform.Auth.Roles.Resident);
        await _world.PersonAsync(ElderlyWorld.Tuanjie, "自己订餐的老人", new DateOnly(1941, 1, 1), userId: account);
        var resident = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.SubmitAsync(resident, "/account/login",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Jiceng.Tests.Care.CareWorld.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var url = $"/portal/c/{ElderlyWorld.Tuanjie}/canteen";
        Assert.Contains($"meal-order-{itemId}", await resident.GetStringAsync(url));
        var ordered = await PostFormAsync(resident, url, $"order-{itemId}");
        Assert.Contains("您支付 6.00 元（标价 16.00 元）", ordered);
        var mine = await _world.QueryAsync(db => db.MealOrders.AsNoTracking().SingleAsync(o => o.UserId == account));
        Assert.Equal((600L, 600L, 400L, itemId), (mine.ElderlyFen, mine.GovernmentFen, mine.CommunityFen, mine.MenuItemId));
        var cancelled = await PostFormAsync(resident, url, $"cancel-{mine.Id}");
        Assert.Contains("已取消订餐", cancelled);
        Assert.Equal(Jiceng.Web.Modules.ElderlyChildren.Domain.MealOrderStatus.Cancelled,
            await _world.QueryAsync(db => db.MealOrders.Where(o => o.Id == mine.Id).Select(o => o.Status).SingleAsync()));

        var none = await browser.GetAsync("/portal/c/999999999999/canteen");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.DoesNotContain("水源社区食堂（测试）", await none.Content.ReadAsStringAsync());
    }
}
