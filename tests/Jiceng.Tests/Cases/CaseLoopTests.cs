using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiceng.Tests.Cases;

/// <summary>The closed loop through the API with the demo accounts: every transition, every refusal.</summary>
public sealed class CaseLoopTests(SharedApp app)
{
    private readonly CaseApi _api = new(app);

    private static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    [Fact]
    public async Task A_case_goes_round_the_whole_loop_and_the_reporter_rates_it_by_tracking_code()
    {
        var created = await _api.CreateAsync();
        var id = created.GetProperty("id").GetInt64();
        var code = created.GetProperty("trackingCode").GetString()!;
        var zjj = await _api.DepartmentAsync("ZJJ");
        var wjj = await _api.DepartmentAsync("WJJ");

        Assert.Equal("submitted", Status(created));
        Assert.Matches(@"^\d{8}-\d{7}$", created.GetProperty("number").GetString());
        Assert.Equal("accepted", Status(await _api.DoAsync("demo-community-a", id, "accept", new { note = "转街道派单" })));
        var dispatched = await _api.DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = zjj, assistingDepartmentIds = new[] { wjj } });
        Assert.Equal("dispatched", Status(dispatched));
        Assert.Equal(2, dispatched.GetProperty("departments").GetArrayLength());
        Assert.Equal("inProgress", Status(await _api.DoAsync("demo-dept", id, "claim")));
        Assert.Equal("inProgress", Status(await _api.DoAsync("demo-dept", id, "progress", new { note = "已安排施工队" })));
        Assert.Equal("resolved", Status(await _api.DoAsync("demo-dept", id, "resolve", new { note = "路面已修复" })));
        Assert.Equal("verified", Status(await _api.DoAsync("demo-grid", id, "verify", new { note = "现场核查通过" })));
        Assert.Equal("feedbackGiven", Status(await _api.DoAsync("demo-community-a", id, "feedback", new { note = "已修复，请评价" })));

        var tracked = await (await app.CreateClient().GetAsync($"/api/v1/track/{code}")).ReadOkAsync<JsonElement>();
        Assert.True(tracked.GetProperty("canRate").GetBoolean());
        var rated = await (await app.CreateClient().PostAsJsonAsync($"/api/v1/track/{code}/rate", new { satisfaction = "satisfied", solved = true })).ReadOkAsync<JsonElement>();
        Assert.Equal("closed", Status(rated));

        var final = await _api.GetAsync("demo-community-a", id);
        var actions = final.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["submit", "accept", "dispatch", "claim", "progress", "resolve", "verify", "feedback", "rate"], actions);
        Assert.Equal("satisfied", final.GetProperty("satisfaction").GetString());
        Assert.True(final.GetProperty("solved").GetBoolean());
        var claim = final.GetProperty("timeline")[3];
        Assert.Equal("DepartmentHandler", claim.GetProperty("actorRole").GetString());
        Assert.Equal("住建局办件人（演示）", claim.GetProperty("actorName").GetString());
        Assert.Equal("Reporter", final.GetProperty("timeline")[8].GetProperty("actorRole").GetString());
    }

    [Theory]
    [InlineData("submitted", "demo-street", "claim", "forbidden")]
    [InlineData("submitted", "demo-community-a", "dispatch", "forbidden")]
    [InlineData("submitted", "demo-resident", "accept", "forbidden")]
    [InlineData("submitted", "demo-grid", "accept", "forbidden")]
    [InlineData("submitted", "demo-community-a", "verify", "invalid_transition")]
    [InlineData("accepted", "demo-community-a", "accept", "invalid_transition")]
    [InlineData("accepted", "demo-street", "claim", "forbidden")]
    [InlineData("dispatched", "demo-dept", "resolve", "invalid_transition")]
    [InlineData("dispatched", "demo-street", "dispatch", "invalid_transition")]
    [InlineData("inProgress", "demo-dept", "claim", "invalid_transition")]
    [InlineData("inProgress", "demo-community-a", "feedback", "invalid_transition")]
    [InlineData("resolved", "demo-dept", "verify", "forbidden")]
    [InlineData("resolved", "demo-community-a", "rate", "invalid_transition")]
    [InlineData("verified", "demo-dept", "rework", "forbidden")]
    [InlineData("feedbackGiven", "demo-community-a", "reopen", "invalid_transition")]
    [InlineData("feedbackGiven", "demo-dept", "rate", "forbidden")]
    public async Task A_refused_action_answers_with_its_code_and_changes_nothing(string stage, string user, string action, string code)
    {
        var id = await _api.CaseAtAsync(stage);
        var before = await _api.GetAsync("demo-community-a", id);
        var body = action switch
        {
            "dispatch" => (object)new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") },
            "rate" => new { satisfaction = "satisfied", solved = true },
            _ => new { note = "原因" },
        };

        var response = await _api.ActAsync(user, id, action, body);

        await response.AssertProblemAsync(code == "forbidden" ? HttpStatusCode.Forbidden : HttpStatusCode.Conflict, code);
        var after = await _api.GetAsync("demo-community-a", id);
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
        Assert.Equal(Status(before), Status(after));
    }

    [Fact]
    public async Task A_case_tells_each_caller_which_actions_it_would_accept_now()
    {
        static List<string?> Actions(JsonElement c) => c.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).ToList();
        var submitted = await _api.CaseAtAsync("submitted");
        var dispatched = await _api.CaseAtAsync("dispatched");

        Assert.Equal(["accept", "reject", "merge"], Actions(await _api.GetAsync("demo-community-a", submitted)));
        Assert.Equal(["accept", "reject", "merge", "supervise"], Actions(await _api.GetAsync("demo-county", submitted)));
        Assert.Empty(Actions(await _api.GetAsync("demo-grid", submitted)));
        Assert.Equal(["claim", "return"], Actions(await _api.GetAsync("demo-dept", dispatched)));
        Assert.Equal(["merge", "park"], Actions(await _api.GetAsync("demo-street", dispatched)));
        // What is offered is accepted: the first offered action goes through.
        Assert.Equal("accepted", Status(await _api.DoAsync("demo-community-a", submitted, Actions(await _api.GetAsync("demo-community-a", submitted))[0]!)));
    }

    [Fact]
    public async Task Reject_return_and_rework_need_a_reason_and_are_counted()
    {
        var toReject = await _api.CaseAtAsync("submitted");
        await (await _api.ActAsync("demo-community-a", toReject, "reject", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("rejected", Status(await _api.DoAsync("demo-community-a", toReject, "reject", new { note = "不属于受理范围" })));

        var toReturn = await _api.CaseAtAsync("dispatched");
        await (await _api.ActAsync("demo-dept", toReturn, "return", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var returned = await _api.DoAsync("demo-dept", toReturn, "return", new { note = "不属于住建职责" });
        Assert.Equal(("accepted", 1), (Status(returned), returned.GetProperty("returnCount").GetInt32()));

        var toRework = await _api.CaseAtAsync("resolved");
        var reworked = await _api.DoAsync("demo-grid", toRework, "rework", new { note = "现场仍有积水" });
        Assert.Equal(("inProgress", 1), (Status(reworked), reworked.GetProperty("reworkCount").GetInt32()));
    }

    [Fact]
    public async Task An_unsatisfied_case_can_be_reopened_once_only()
    {
        var id = await _api.CaseAtAsync("feedbackGiven");
        await _api.DoAsync("demo-community-a", id, "rate", new { satisfaction = "unsatisfied", solved = false, note = "电话回访" });

        var reopened = await _api.DoAsync("demo-community-a", id, "reopen", new { note = "居民不满意，重办" });
        Assert.Equal("dispatched", Status(reopened));
        await _api.DoAsync("demo-dept", id, "claim");
        await _api.DoAsync("demo-dept", id, "resolve", new { note = "重新修复" });
        await _api.DoAsync("demo-grid", id, "verify");
        await _api.DoAsync("demo-community-a", id, "feedback", new { note = "已重办" });
        await _api.DoAsync("demo-community-a", id, "rate", new { satisfaction = "unsatisfied", solved = false });

        await (await _api.ActAsync("demo-community-a", id, "reopen", new { note = "再次重办" })).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_satisfied_case_cannot_be_reopened()
    {
        var id = await _api.CaseAtAsync("feedbackGiven");
        await _api.DoAsync("demo-community-a", id, "rate", new { satisfaction = "basic", solved = true });

        await (await _api.ActAsync("demo-community-a", id, "reopen", new { note = "x" })).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task Small_matters_stay_in_the_grid_and_can_be_escalated_up_to_the_county()
    {
        var local = await _api.CaseAtAsync("submitted");
        var inGrid = await _api.DoAsync("demo-community-a", local, "accept", new { handleIn = "grid" });
        Assert.Equal(("inProgress", "grid"), (Status(inGrid), inGrid.GetProperty("localHandling").GetString()));
        Assert.Equal("resolved", Status(await _api.DoAsync("demo-grid", local, "resolve", new { note = "网格员现场调解" })));

        var big = await _api.CaseAtAsync("submitted");
        await _api.DoAsync("demo-community-a", big, "accept", new { handleIn = "community" });
        var toStreet = await _api.DoAsync("demo-community-a", big, "escalate", new { note = "社区无法解决" });
        Assert.Equal(("accepted", "street"), (Status(toStreet), toStreet.GetProperty("escalationLevel").GetString()));
        var toCounty = await _api.DoAsync("demo-street", big, "escalate", new { note = "需县协调" });
        Assert.Equal(("county", 2), (toCounty.GetProperty("escalationLevel").GetString(), toCounty.GetProperty("escalationCount").GetInt32()));
        await (await _api.ActAsync("demo-street", big, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("dispatched", Status(await _api.DoAsync("demo-county", big, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") })));
    }

    [Fact]
    public async Task An_extension_is_asked_by_the_handler_and_decided_by_the_dispatcher()
    {
        var id = await _api.CaseAtAsync("inProgress");
        var due = (await _api.GetAsync("demo-dept", id)).GetProperty("handlingDueUtc").GetDateTime();

        await (await _api.ActAsync("demo-dept", id, "extend", new { decision = "approve" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var asked = await _api.DoAsync("demo-dept", id, "extend", new { amount = 3, unit = "workingDays", note = "材料未到" });
        Assert.Equal(3, asked.GetProperty("pendingExtensionAmount").GetInt32());
        var approved = await _api.DoAsync("demo-street", id, "extend", new { decision = "approve" });

        Assert.True(approved.GetProperty("handlingDueUtc").GetDateTime() > due.AddDays(2));
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("pendingExtensionAmount").ValueKind);
    }

    [Fact]
    public async Task A_duplicate_is_merged_into_its_master_and_its_tracking_page_points_there()
    {
        var master = await _api.CaseAtAsync("accepted");
        var duplicate = await _api.CreateAsync();

        var merged = await _api.DoAsync("demo-community-a", duplicate.GetProperty("id").GetInt64(), "merge", new { masterCaseId = master });
        var tracked = await (await app.CreateClient().GetAsync($"/api/v1/track/{duplicate.GetProperty("trackingCode").GetString()}")).ReadOkAsync<JsonElement>();

        Assert.Equal("merged", Status(merged));
        Assert.Equal(master, merged.GetProperty("masterCaseId").GetInt64());
        Assert.Equal((await _api.GetAsync("demo-community-a", master)).GetProperty("number").GetString(), tracked.GetProperty("masterNumber").GetString());
    }

    [Fact]
    public async Task A_long_term_problem_is_parked_with_a_plan_and_dispatched_again_later()
    {
        var id = await _api.CaseAtAsync("accepted");

        await (await _api.ActAsync("demo-street", id, "park", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var parked = await _api.DoAsync("demo-street", id, "park", new { note = "纳入明年老旧小区改造计划" });
        var resumed = await _api.DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") });

        Assert.Equal(("parked", "纳入明年老旧小区改造计划"), (Status(parked), parked.GetProperty("parkPlan").GetString()));
        Assert.Equal("dispatched", Status(resumed));
    }

    [Fact]
    public async Task Bad_input_is_refused_and_creates_nothing()
    {
        // The refused cases carry a description of their own: other classes file cases on this shared app at the same time.
        var marker = $"路面塌陷-拒收-{Guid.NewGuid():N}";
        Task<int> StoredAsync() => app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Cases.CountAsync(c => c.Description == marker));
        var before = await StoredAsync();

        await (await _api.PostCreateAsync("demo-resident", description: marker, category: "unknown")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _api.PostCreateAsync("demo-resident", description: marker, division: "230725100")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _api.PostCreateAsync("demo-resident", description: marker, phone: "12345")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _api.PostCreateAsync("demo-community-a", description: marker, division: CaseApi.Yuxi)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _api.PostCreateAsync("demo-dept", description: marker)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/cases", new { categoryCode = "roads", description = marker, divisionCode = CaseApi.Tuanjie });
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Categories_are_public_with_their_time_limits()
    {
        var categories = await (await app.CreateClient().GetAsync("/api/v1/case-categories")).ReadOkAsync<JsonElement>();
        var names = categories.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();

        Assert.Equal(10, names.Count);
        Assert.Contains("供暖", names);
        var safety = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "public-safety");
        Assert.Equal((2, "hours"), (safety.GetProperty("handlingAmount").GetInt32(), safety.GetProperty("handlingUnit").GetString()));
    }

    [Fact]
    public async Task Personal_data_is_encrypted_at_rest_and_masked_in_answers()
    {
        const string phone = "13812345678";
        const string name = "王秀英";
        const string address = "带岭镇团结社区林苑小区3号楼2单元501";
        var created = await _api.CreateAsync(phone: phone, name: name, address: address);

        Assert.Equal("138****5678", created.GetProperty("reporterPhoneMasked").GetString());
        Assert.Equal("王**", created.GetProperty("reporterNameMasked").GetString());
        Assert.Equal("带岭镇团结社区林苑小区****", created.GetProperty("addressMasked").GetString());
        var stored = await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"ReporterPhone\", \"ReporterName\", \"Address\" FROM \"Cases\" WHERE \"Id\" = {created.GetProperty("id").GetInt64()}";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return string.Join("|", reader.GetString(0), reader.GetString(1), reader.GetString(2));
        });
        Assert.DoesNotContain(phone, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(name, stored, StringComparison.Ordinal);
        // Base64 has digits, so only whole values and Chinese text (which base64 never contains) prove anything.
        Assert.DoesNotContain(address, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("林苑小区", stored, StringComparison.Ordinal);
        Assert.StartsWith("pd1:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tracking_page_shows_no_personal_data_and_no_staff_notes()
    {
        var created = await _api.CreateAsync(phone: "13912345678", name: "李大爷", address: "林苑小区5号楼");
        var id = created.GetProperty("id").GetInt64();
        await _api.DoAsync("demo-community-a", id, "accept", new { note = "内部备注：联系李大爷13912345678" });

        var text = await (await app.CreateClient().GetAsync($"/api/v1/track/{created.GetProperty("trackingCode").GetString()}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("李", text, StringComparison.Ordinal);
        Assert.DoesNotContain("林苑", text, StringComparison.Ordinal);
        Assert.DoesNotContain("内部备注", text, StringComparison.Ordinal);
        Assert.Contains("\"accept\"", text, StringComparison.Ordinal);
        await (await app.CreateClient().GetAsync("/api/v1/track/NOSUCHCODE")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Nothing_personal_is_written_to_the_audit_trail_either()
    {
        await _api.CreateAsync(phone: "13700001111", name: "赵六");

        var leaked = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .AnyAsync(e => (e.Detail ?? "").Contains("13700001111") || (e.Detail ?? "").Contains("赵六")));
        Assert.False(leaked);
    }
}
