using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Demo;
using Jiceng.Web.Modules.Market.Features;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.Market;

/// <summary>惠民大集 through the API: 准入退出, the 5–15 % price rule, spot checks, love stalls, deliveries, complaints, the public board and scope.</summary>
[Collection(MarketApp.Collection)]
public sealed class MarketTests(MarketApp world)
{
    private static Guid Id(JsonElement e) => MarketApp.Id(e);

    [Fact]
    public async Task A_vendor_applies_is_admitted_warned_and_expelled_and_then_may_neither_sell_nor_apply_again()
    {
        var market = await world.YinzhouAsync();
        var url = $"/api/v1/market/markets/{market}/vendors";
        var (day, _) = await world.OpenDayAsync(market);
        var applied = await world.PostOkAsync("demo-market", url, new
        {
            name = "顺发干货店", kind = "chamberMember", contactName = "韩志明", contactPhone = "13900002222", licenceNo = "92211202MA0T0001X", goodsCategories = "干货",
        });
        var vendor = Id(applied);
        Assert.Equal("applied", applied.GetProperty("status").GetString());
        Assert.Equal("韩**", applied.GetProperty("contactNameMasked").GetString());
        Assert.Equal("139****2222", applied.GetProperty("contactPhoneMasked").GetString());

        // Not admitted yet: may not sell, may not be warned.
        await (await world.PostAsync("demo-market", $"/api/v1/market/markets/{market}/goods", new
        {
            vendorId = vendor, marketDayId = day, name = "香菇", unit = "斤", marketPriceFen = 4000, fairPriceFen = 3600,
        })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.VendorNotSelling);
        await (await world.PostAsync("demo-market", $"{url}/{vendor}/warn", new { reason = "测试" })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);

        var admitted = await world.PostOkAsync("demo-market", $"{url}/{vendor}/admit", new { stallNo = "C07" });
        Assert.Equal("admitted", admitted.GetProperty("status").GetString());
        await (await world.PostAsync("demo-market", $"{url}/{vendor}/admit", new { stallNo = "C08" })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);
        // A stale If-Match loses.
        await (await world.PostAsync("demo-market", $"{url}/{vendor}/warn", new { reason = "占道经营" }, ifMatch: 1)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var warned = await world.PostOkAsync("demo-market", $"{url}/{vendor}/warn", new { reason = "占道经营" });
        Assert.Equal("warned", warned.GetProperty("status").GetString());
        Assert.Equal(1, warned.GetProperty("warningCount").GetInt32());
        await world.PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/goods", new
        {
            vendorId = vendor, marketDayId = day, name = "香菇", unit = "斤", marketPriceFen = 4000, fairPriceFen = 3600,
        }); // a warned vendor still sells

        var expelled = await world.PostOkAsync("demo-market", $"{url}/{vendor}/expel", new { reason = "多次以次充好" });
        Assert.Equal("expelled", expelled.GetProperty("status").GetString());
        Assert.Equal(MarketApp.Today.AddDays(180).ToString("yyyy-MM-dd"), expelled.GetProperty("bannedUntil").GetString());
        var history = expelled.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["admitted", "warned", "expelled"], history);

        await (await world.PostAsync("demo-market", $"/api/v1/market/markets/{market}/goods", new
        {
            vendorId = vendor, marketDayId = day, name = "木耳", unit = "斤", marketPriceFen = 6000, fairPriceFen = 5400,
        })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.VendorNotSelling);
        await (await world.PostAsync("demo-market", $"{url}/{vendor}/warn", new { reason = "再犯" })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);
        await (await world.PostAsync("demo-market", $"{url}/{vendor}/admit", new { stallNo = "C07" })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);
        // Re-applying under the same licence within the ban is refused; a different vendor may apply.
        await (await world.PostAsync("demo-market", url, new
        {
            name = "顺发干货（新）", kind = "chamberMember", contactName = "韩志明", licenceNo = "92211202ma0t0001x", goodsCategories = "干货",
        })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.VendorBanned);
        Assert.Equal(HttpStatusCode.Created, (await world.PostAsync("demo-market", url, new
        {
            name = "顺发干货店", kind = "chamberMember", contactName = "韩志明", licenceNo = "92211202MA0T0002X", goodsCategories = "干货",
        })).StatusCode);
    }

    [Theory]
    [InlineData(1000, 951, false)] // 4.9 % below
    [InlineData(1000, 950, true)]  // 5 %
    [InlineData(1000, 850, true)]  // 15 %
    [InlineData(1000, 849, false)] // 15.1 %
    [InlineData(999, 949, true)]   // 5.005 %: 100·949 = 94900 ≤ 95·999 = 94905
    [InlineData(999, 950, false)]  // 4.9 %
    [InlineData(999, 850, true)]   // 14.9 %
    [InlineData(999, 849, false)]  // 15.0150 %: 84900 < 85·999 = 84915
    public void The_fair_price_rule_is_exact_in_fen(long marketFen, long fairFen, bool allowed)
    {
        Assert.Equal(allowed, FairPrice.IsAllowed(marketFen, fairFen));
        var (min, max) = FairPrice.AllowedRange(marketFen);
        Assert.Equal(allowed, fairFen >= min && fairFen <= max);
    }

    [Fact]
    public async Task Goods_outside_5_to_15_percent_below_the_market_price_are_refused_with_the_allowed_range()
    {
        var market = await world.YinzhouAsync();
        var (day, _) = await world.OpenDayAsync(market);
        var vendor = await world.AdmittedVendorAsync(market, "测试价格商行");
        var url = $"/api/v1/market/markets/{market}/goods";
        object Goods(long m, long f) => new { vendorId = vendor, marketDayId = day, name = "东北大米", category = "米面粮油", unit = "袋", marketPriceFen = m, fairPriceFen = f };

        var tooLittle = await (await world.PostAsync("demo-market", url, Goods(1000, 951))).AssertProblemAsync(HttpStatusCode.BadRequest, MarketErrors.PriceOutOfRange);
        Assert.Contains("8.50–9.50 元", tooLittle.GetProperty("title").GetString());
        var tooMuch = await (await world.PostAsync("demo-market", url, Goods(999, 849))).AssertProblemAsync(HttpStatusCode.BadRequest, MarketErrors.PriceOutOfRange);
        Assert.Contains("8.50–9.49 元", tooMuch.GetProperty("title").GetString());
        var before = await world.QueryAsync(db => db.MarketGoods.CountAsync(g => g.MarketDayId == day));
        Assert.Equal(0, before); // nothing recorded on refusal

        var five = await world.PostOkAsync("demo-market", url, Goods(1000, 950));
        Assert.Equal(50, five.GetProperty("savingFen").GetInt64());
        Assert.Equal(5.0m, five.GetProperty("discountPercent").GetDecimal());
        var fifteen = await world.PostOkAsync("demo-market", url, Goods(1000, 850));
        Assert.Equal(150, fifteen.GetProperty("savingFen").GetInt64());
        var listed = await world.GetOkAsync("demo-market", $"{url}?day={day}");
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task A_failed_spot_check_warns_the_vendor_and_three_warnings_or_a_serious_failure_suggest_expulsion()
    {
        var market = await world.YinzhouAsync();
        var (day, _) = await world.OpenDayAsync(market);
        var vendor = await world.AdmittedVendorAsync(market, "抽查测试果蔬");
        var url = $"/api/v1/market/markets/{market}/spot-checks";

        var pass = await world.PostOkAsync("demo-market", url, new { marketDayId = day, vendorId = vendor, goodsName = "苹果", inspector = "市场监管所", result = "pass" });
        Assert.False(pass.GetProperty("warningIssued").GetBoolean());
        await (await world.PostAsync("demo-market", url, new { marketDayId = day, vendorId = vendor, goodsName = "苹果", inspector = "市场监管所", result = "fail" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed"); // a failure needs a note
        for (var i = 1; i <= 3; i++)
        {
            var fail = await world.PostOkAsync("demo-market", url, new
            {
                marketDayId = day, vendorId = vendor, goodsName = "苹果", inspector = "市场监管所", result = "fail", note = $"缺斤短两 第{i}次",
            });
            Assert.True(fail.GetProperty("warningIssued").GetBoolean());
            Assert.Equal(i, fail.GetProperty("vendorWarnings").GetInt32());
            Assert.Equal(i == 3, fail.GetProperty("expelSuggested").GetBoolean()); // staff decide; the vendor is not expelled by the check
        }
        var read = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/vendors/{vendor}");
        Assert.Equal("warned", read.GetProperty("status").GetString());

        var other = await world.AdmittedVendorAsync(market, "严重不合格水产");
        var serious = await world.PostOkAsync("demo-market", url, new
        {
            marketDayId = day, vendorId = other, goodsName = "冻虾", inspector = "市场监管所", result = "fail", serious = true, note = "保水剂超标",
        });
        Assert.Equal(1, serious.GetProperty("vendorWarnings").GetInt32());
        Assert.True(serious.GetProperty("expelSuggested").GetBoolean());
        var figures = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures");
        var dayRow = figures.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("dayId").GetGuid() == day);
        Assert.Equal(5, dayRow.GetProperty("spotChecks").GetInt32());
        Assert.Equal(4, dayRow.GetProperty("spotChecksFailed").GetInt32());
    }

    [Fact]
    public async Task The_love_stall_discount_is_refused_for_someone_without_the_status_and_given_to_dibao_and_80_plus_by_birth_date()
    {
        var market = await world.YinzhouAsync();
        var (day, date) = await world.OpenDayAsync(market);
        var vendor = await world.AdmittedVendorAsync(market, "爱心摊位测试粮油");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/market/markets/{market}/vendors/{vendor}/love-stall") { Content = System.Net.Http.Json.JsonContent.Create(new { isLoveStall = true }) };
        await (await (await world.As("demo-market")).SendAsync(put)).ReadOkAsync<JsonElement>();
        var goods = Id(await world.PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/goods", new
        {
            vendorId = vendor, marketDayId = day, name = "东北大米（5公斤）", unit = "袋", marketPriceFen = 3500, fairPriceFen = 3150,
        }));
        var nobody = await world.PersonAsync("普通居民", new DateOnly(1960, 5, 1), "chronic");
        var dibao = await world.PersonAsync("低保居民", new DateOnly(1962, 3, 1), "dibao");
        var eighty = await world.PersonAsync("刚满八十", date.AddYears(-80)); // 80 on the market day
        var almost = await world.PersonAsync("差一天八十", date.AddYears(-80).AddDays(1)); // 79 on the market day
        var url = $"/api/v1/market/markets/{market}/love-stall/purchases";
        Task<int> CountAsync() => world.QueryAsync(db => db.MarketLoveStallPurchases.CountAsync(p => p.MarketDayId == day));

        await (await world.PostAsync("demo-market", url, new { marketDayId = day, personId = nobody, goodsId = goods, quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, MarketErrors.NotEligible);
        await (await world.PostAsync("demo-market", url, new { marketDayId = day, personId = almost, goodsId = goods, quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, MarketErrors.NotEligible);
        await (await world.PostAsync("demo-market", url, new { marketDayId = day, personId = dibao, status = "tekun", goodsId = goods, quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, MarketErrors.NotEligible);
        Assert.Equal(0, await CountAsync());

        var bought = await world.PostOkAsync("demo-market", url, new { marketDayId = day, personId = dibao, goodsId = goods, quantity = 2 });
        Assert.Equal("dibao", bought.GetProperty("checkedStatus").GetString());
        Assert.Equal(6300, bought.GetProperty("fairTotalFen").GetInt64());
        Assert.Equal(5670, bought.GetProperty("paidFen").GetInt64()); // the market's extra 10 %
        Assert.Equal("低***", bought.GetProperty("buyerMasked").GetString());
        var old = await world.PostOkAsync("demo-market", url, new { marketDayId = day, personId = eighty, freeItem = "口罩", quantity = 1 });
        Assert.Equal("aged80", old.GetProperty("checkedStatus").GetString());
        Assert.Equal(0, old.GetProperty("paidFen").GetInt64());
        Assert.Equal(2, await CountAsync());

        // The record keeps the status checked, not the person's details.
        var stored = await world.QueryAsync(db => db.MarketLoveStallPurchases.AsNoTracking().SingleAsync(p => p.Id == Id(bought)));
        Assert.Equal(dibao, stored.PersonId);
        var figures = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures");
        var dayRow = figures.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("dayId").GetGuid() == day);
        Assert.Equal(2, dayRow.GetProperty("loveStallPurchases").GetInt32());
        Assert.Equal(630, dayRow.GetProperty("loveStallExtraDiscountFen").GetInt64());
        Assert.Equal(1, dayRow.GetProperty("loveStallByStatus").EnumerateObject().Single(p => p.Name.Equals("aged80", StringComparison.OrdinalIgnoreCase)).Value.GetInt32());
    }

    [Fact]
    public async Task A_free_delivery_is_assigned_and_completed_and_counted()
    {
        var market = await world.YinzhouAsync();
        var (day, _) = await world.OpenDayAsync(market);
        var before = (await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures")).GetProperty("deliveriesCompleted").GetInt32();
        var member = Id(await world.PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/delivery-team", new { name = "冯志远", phone = "13700009999" }));
        var person = await world.PersonAsync("送货老人", new DateOnly(1941, 1, 1), "elderly-alone");
        var order = await world.PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/deliveries", new { marketDayId = day, personId = person, goods = "大白菜 10 斤" });
        Assert.Equal("文化新村****", order.GetProperty("addressMasked").GetString());
        Assert.Equal("送***", order.GetProperty("recipientMasked").GetString());
        var url = $"/api/v1/market/markets/{market}/deliveries/{Id(order)}";
        await (await world.PostAsync("demo-market", $"{url}/complete", new { })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);
        var assigned = await world.PostOkAsync("demo-market", $"{url}/assign", new { memberId = member });
        Assert.Equal("冯志远", assigned.GetProperty("assignedMemberName").GetString());
        var done = await world.PostOkAsync("demo-market", $"{url}/complete", new { note = "已送达" });
        Assert.Equal("delivered", done.GetProperty("status").GetString());
        Assert.True(done.TryGetProperty("deliveredUtc", out var at) && at.ValueKind == JsonValueKind.String);

        var figures = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures");
        Assert.Equal(before + 1, figures.GetProperty("deliveriesCompleted").GetInt32());
        var team = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/delivery-team");
        Assert.Equal(1, team.EnumerateArray().Single(m => Id(m) == member).GetProperty("delivered").GetInt32());
        Assert.Equal("137****9999", team.EnumerateArray().Single(m => Id(m) == member).GetProperty("phoneMasked").GetString());
    }

    [Fact]
    public async Task A_residents_complaint_is_accepted_and_handled_by_the_command_post_and_the_resident_sees_the_result()
    {
        var market = await world.YinzhouAsync();
        var created = await world.PostOkAsync("demo-resident", $"/api/v1/market/markets/{market}/complaints", new { category = "price", text = "苹果价格牌与收费不符" });
        Assert.Equal("resident", created.GetProperty("source").GetString());
        await (await world.PostAsync("demo-resident", $"/api/v1/market/markets/{market}/complaints", new { category = "noise", text = "x" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        // A resident cannot handle it; staff outside the market's area cannot see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await world.PostAsync("demo-resident", $"/api/v1/market/markets/{market}/complaints/{Id(created)}/accept", new { })).StatusCode);
        await (await world.PostAsync("demo-street", $"/api/v1/market/markets/{market}/complaints/{Id(created)}/accept", new { }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var url = $"/api/v1/market/markets/{market}/complaints/{Id(created)}";
        Assert.Equal("accepted", (await world.PostOkAsync("demo-market", $"{url}/accept", new { })).GetProperty("status").GetString());
        await (await world.PostAsync("demo-market", $"{url}/handle", new { result = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var handled = await world.PostOkAsync("demo-market", $"{url}/handle", new { result = "已督促商户更正价格牌并退还差价" });
        Assert.Equal("handled", handled.GetProperty("status").GetString());
        await (await world.PostAsync("demo-market", $"{url}/handle", new { result = "再次处理" })).AssertProblemAsync(HttpStatusCode.Conflict, MarketErrors.InvalidTransition);

        var mine = await world.GetOkAsync("demo-resident", "/api/v1/market/complaints/mine");
        var own = mine.EnumerateArray().Single(c => Id(c) == Id(created));
        Assert.Equal("已督促商户更正价格牌并退还差价", own.GetProperty("result").GetString());
        var list = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/complaints?status=handled");
        Assert.Contains(list.EnumerateArray(), c => Id(c) == Id(created));
    }

    [Fact]
    public async Task The_figures_export_per_day_and_for_a_period_matches_the_api_figures_and_keeps_the_scope()
    {
        var market = await world.YinzhouAsync();
        var (day, date) = await world.OpenDayAsync(market);
        var vendor = await world.AdmittedVendorAsync(market, "导出测试粮油店");
        await world.PostOkAsync("demo-market", $"/api/v1/market/markets/{market}/goods",
            new { vendorId = vendor, marketDayId = day, name = "东北大米", category = "米面粮油", unit = "袋", marketPriceFen = 5000, fairPriceFen = 4500 });
        var checks = $"/api/v1/market/markets/{market}/spot-checks";
        await world.PostOkAsync("demo-market", checks, new { marketDayId = day, vendorId = vendor, goodsName = "东北大米", inspector = "市场监管所", result = "pass" });
        await world.PostOkAsync("demo-market", checks, new { marketDayId = day, vendorId = vendor, goodsName = "东北大米", inspector = "市场监管所", result = "fail", note = "标签不全" });

        // The period from today (the admission and the warning) to the new market day.
        var period = $"from={MarketApp.Today:yyyy-MM-dd}&to={date:yyyy-MM-dd}";
        var figures = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures?{period}");
        var dayRow = figures.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("dayId").GetGuid() == day);
        Assert.Equal((1, 5000L, 4500L, 1, 1), (dayRow.GetProperty("goods").GetInt32(), dayRow.GetProperty("marketPriceTotalFen").GetInt64(),
            dayRow.GetProperty("fairPriceTotalFen").GetInt64(), dayRow.GetProperty("spotChecksPassed").GetInt32(), dayRow.GetProperty("spotChecksFailed").GetInt32()));
        Assert.True(figures.GetProperty("vendorsAdmittedInPeriod").GetInt32() >= 1);
        Assert.True(figures.GetProperty("vendorWarningsInPeriod").GetInt32() >= 1);
        // A period after the day leaves it out.
        var later = await world.GetOkAsync("demo-market", $"/api/v1/market/markets/{market}/figures?from={date.AddDays(1):yyyy-MM-dd}&to={date.AddDays(2):yyyy-MM-dd}");
        Assert.DoesNotContain(later.GetProperty("days").EnumerateArray(), d => d.GetProperty("dayId").GetGuid() == day);
        Assert.Equal(0, later.GetProperty("goodsListed").GetInt32());

        var file = await (await world.As("demo-market")).GetAsync($"/api/v1/market/markets/{market}/figures/export?{period}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var summary = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["项目"], r => Convert.ToDecimal(r["数值"], System.Globalization.CultureInfo.InvariantCulture));
        int Group(string name) => figures.GetProperty("loveStallByStatus").EnumerateObject().Single(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.GetInt32();
        var expected = new Dictionary<string, decimal>
        {
            ["准入商户"] = figures.GetProperty("vendorsAdmittedInPeriod").GetInt32(), ["警告商户（次）"] = figures.GetProperty("vendorWarningsInPeriod").GetInt32(),
            ["清退商户"] = figures.GetProperty("vendorsExpelledInPeriod").GetInt32(), ["上架商品"] = figures.GetProperty("goodsListed").GetInt32(),
            ["市场价合计（元）"] = figures.GetProperty("marketPriceTotalFen").GetInt64() / 100m, ["惠民价合计（元）"] = figures.GetProperty("fairPriceTotalFen").GetInt64() / 100m,
            ["抽检合格"] = figures.GetProperty("spotChecksPassed").GetInt32(), ["抽检不合格"] = figures.GetProperty("spotChecksFailed").GetInt32(),
            ["爱心摊位购买（低保）"] = Group("dibao"), ["爱心摊位购买（特困）"] = Group("tekun"), ["爱心摊位购买（高龄）"] = Group("aged80"),
            ["完成配送"] = figures.GetProperty("deliveriesCompleted").GetInt32(), ["投诉受理"] = figures.GetProperty("complaints").GetInt32(),
            ["投诉办结"] = figures.GetProperty("complaintsHandled").GetInt32(),
        };
        foreach (var (item, value) in expected) Assert.True(summary[item] == value, $"{item}: {summary[item]} ≠ {value}");
        stream.Position = 0;
        var days = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "按集日").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(figures.GetProperty("days").GetArrayLength(), days.Count);
        var row = days.Single(r => (string)r["日期"] == date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((1m, 50m, 45m, 1m, 1m), (Convert.ToDecimal(row["上架商品"]), Convert.ToDecimal(row["市场价合计（元）"]), Convert.ToDecimal(row["惠民价合计（元）"]),
            Convert.ToDecimal(row["抽检合格"]), Convert.ToDecimal(row["抽检不合格"])));
        Assert.Equal(expected["上架商品"], days.Sum(r => Convert.ToDecimal(r["上架商品"])));

        // Scope holds for the export; a bad period changes nothing and says why.
        await (await (await world.As("demo-street")).GetAsync($"/api/v1/market/markets/{market}/figures/export?{period}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await (await world.As("demo-market")).GetAsync($"/api/v1/market/markets/{market}/figures/export?from={date:yyyy-MM-dd}&to={MarketApp.Today:yyyy-MM-dd}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Staff_see_only_the_markets_of_their_own_area_and_get_404_across()
    {
        var yinzhou = await world.YinzhouAsync();
        var dailing = await world.MarketIdAsync(MarketDemoSeeder.DailingMarketName);
        var mine = await world.GetOkAsync("demo-market", "/api/v1/market/markets");
        Assert.Equal([yinzhou], mine.EnumerateArray().Select(Id).ToList());
        foreach (var user in new[] { "demo-street", "demo-county" })
        {
            var theirs = await world.GetOkAsync(user, "/api/v1/market/markets");
            Assert.Equal([dailing], theirs.EnumerateArray().Select(Id).ToList());
            await (await (await world.As(user)).GetAsync($"/api/v1/market/markets/{yinzhou}/vendors")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
            await (await (await world.As(user)).GetAsync($"/api/v1/market/markets/{yinzhou}/figures")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
        await (await (await world.As("demo-market")).GetAsync($"/api/v1/market/markets/{dailing}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var dailingVendor = await world.QueryAsync(db => db.MarketVendors.Where(v => v.MarketId == dailing).Select(v => v.Id).FirstAsync());
        await (await world.PostAsync("demo-market", $"/api/v1/market/markets/{dailing}/vendors/{dailingVendor}/warn", new { reason = "越权" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await world.PostAsync("demo-market", $"/api/v1/market/markets/{yinzhou}/vendors/{dailingVendor}/warn", new { reason = "越权" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // A community staff member elsewhere, and residents, have no market console.
        Assert.Empty((await world.GetOkAsync("demo-community-a", "/api/v1/market/markets")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await world.As("demo-resident")).GetAsync("/api/v1/market/markets")).StatusCode);
    }

    [Fact]
    public async Task The_public_price_board_shows_both_prices_the_saving_the_hotline_and_the_next_day_and_no_personal_data()
    {
        var market = await world.YinzhouAsync();
        var anonymous = world.App.CreateClient();
        var board = await (await anonymous.GetAsync($"/api/v1/market/public/{market}/board")).ReadOkAsync<JsonElement>();
        Assert.Equal("024-72612345", board.GetProperty("supervisionHotline").GetString());
        Assert.Equal(MarketApp.Today.AddDays(1).ToString("yyyy-MM-dd"), board.GetProperty("nextDay").GetProperty("date").GetString());
        var egg = board.GetProperty("goods").EnumerateArray().First(g => g.GetProperty("name").GetString() == "鲜鸡蛋");
        Assert.Equal(450, egg.GetProperty("marketPriceFen").GetInt64());
        Assert.Equal(400, egg.GetProperty("fairPriceFen").GetInt64());
        Assert.Equal(50, egg.GetProperty("savingFen").GetInt64());
        Assert.DoesNotContain(board.GetProperty("goods").EnumerateArray(), g => g.GetProperty("vendorName").GetString() == "鑫发水产"); // expelled

        var page = await anonymous.GetAsync($"/portal/market/{market}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("惠民大集（文化新村）", html);
        Assert.Contains("data-testid=\"market-board-goods\"", html);
        Assert.Contains("鲜鸡蛋", html);
        Assert.Contains("4.50", html);
        Assert.Contains("4.00", html);
        Assert.Contains("0.50", html);
        Assert.Contains("024-72612345", html);
        Assert.Contains("年货惠民大集", html); // the next day's theme
        foreach (var personal in new[] { "刘德旺", "13904101234", "孙桂芝", "陈淑珍", "文化新村3号楼", "何玉兰" }) Assert.DoesNotContain(personal, html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/portal/market/{Guid.NewGuid()}")).StatusCode);
    }
}
