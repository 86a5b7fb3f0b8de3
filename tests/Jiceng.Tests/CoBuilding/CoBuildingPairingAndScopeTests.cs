using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;

namespace Jiceng.Tests.CoBuilding;

/// <summary>The pairing flow (双报到 of a unit's organisation), one open pairing, and who sees which pairings, projects and lists.</summary>
public sealed class CoBuildingPairingAndScopeTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly CoBuildingWorld _world = new(app);
    private const string Tuanjie = CoBuildingWorld.Tuanjie;

    [Fact]
    public async Task A_unit_requests_a_pairing_the_community_confirms_and_a_second_open_pairing_is_refused()
    {
        var (unit, account, _) = await _world.UnitWithAccountAsync("县税务局");

        var requested = await _world.PostOkAsync(account, "/pairings", new { divisionCode = Tuanjie, note = "机关党组织到社区报到" });
        Assert.Equal("requested", requested.GetProperty("status").GetString());
        Assert.Equal(unit, requested.GetProperty("unitId").GetGuid());
        var id = requested.GetProperty("id").GetGuid();

        // Asking again, by the unit or by staff for it, while the request is open: 409.
        await (await _world.PostAsync(account, "/pairings", new { divisionCode = Tuanjie })).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _world.PostAsync("demo-community-a", "/pairings", new { divisionCode = Tuanjie, unitId = unit })).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        // The unit cannot confirm its own request; another community's staff do not even see it.
        await (await _world.PostAsync(account, $"/pairings/{id}/confirm")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.PostAsync("demo-community-b", $"/pairings/{id}/confirm")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var confirmed = await _world.PostOkAsync("demo-community-a", $"/pairings/{id}/confirm");
        Assert.Equal("active", confirmed.GetProperty("status").GetString());
        await (await _world.PostAsync("demo-community-a", $"/pairings/{id}/confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await _world.PostAsync(account, "/pairings", new { divisionCode = Tuanjie })).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        // Once ended, a new request may open.
        await _world.PostOkAsync("demo-community-a", $"/pairings/{id}/end", new { results = "联建共建成效良好" });
        var again = await _world.PostOkAsync(account, "/pairings", new { divisionCode = Tuanjie });
        Assert.Equal("requested", again.GetProperty("status").GetString());
        var declined = await _world.PostOkAsync("demo-community-a", $"/pairings/{again.GetProperty("id").GetGuid()}/decline");
        Assert.Equal("declined", declined.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_pairing_open_exactly_one()
    {
        var (_, account, _) = await _world.UnitWithAccountAsync("县统计局");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++) clients.Add(await app.ClientForAsync(account, CoBuildingWorld.Password));
        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"{CoBuildingWorld.Api}/pairings", new { divisionCode = Tuanjie })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created)) await refused.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Single((await _world.GetOkAsync(account, "/pairings")).EnumerateArray());
    }

    [Fact]
    public async Task A_unit_sees_only_its_own_pairings_and_projects_and_only_paired_communities_needs()
    {
        var (unitA, accountA, pairingA) = await _world.PairedUnitAsync("县财政局");
        var (unitB, accountB, _) = await _world.UnitWithAccountAsync("县教育局");
        await _world.PostOkAsync(accountB, "/pairings", new { divisionCode = CoBuildingWorld.Yuxi }); // B only requested 育西
        var need = await _world.PostOkAsync("demo-community-a", "/needs", new { divisionCode = Tuanjie, year = 2026, category = "助老服务", item = "为独居老人开展义诊" });
        var project = await _world.PostOkAsync(accountA, "/projects", new { pairingId = pairingA, title = "敬老义诊进社区", year = 2026, needId = need.GetProperty("id").GetGuid() });
        var projectId = project.GetProperty("id").GetGuid();

        var mine = await _world.GetOkAsync(accountA, "/pairings");
        Assert.Contains(pairingA, CoBuildingWorld.Ids(mine));
        Assert.All(mine.EnumerateArray(), p => Assert.Equal(unitA, p.GetProperty("unitId").GetGuid()));
        var projectsA = await _world.GetOkAsync(accountA, "/projects");
        Assert.Equal([projectId], CoBuildingWorld.Ids(projectsA));

        // A second unit sees none of the first's.
        var theirs = await _world.GetOkAsync(accountB, "/pairings");
        Assert.DoesNotContain(pairingA, CoBuildingWorld.Ids(theirs));
        Assert.All(theirs.EnumerateArray(), p => Assert.Equal(unitB, p.GetProperty("unitId").GetGuid()));
        Assert.Empty((await _world.GetOkAsync(accountB, "/projects")).EnumerateArray());
        await (await _world.GetAsync(accountB, $"/pairings/{pairingA}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.GetAsync(accountB, $"/projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // 育西's staff do not see 团结's pairing; 团结's do, and the county's.
        await (await _world.GetAsync("demo-community-b", $"/pairings/{pairingA}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(pairingA, CoBuildingWorld.Ids(await _world.GetOkAsync("demo-community-b", "/pairings")));
        Assert.Contains(pairingA, CoBuildingWorld.Ids(await _world.GetOkAsync("demo-community-a", "/pairings")));
        Assert.Contains(pairingA, CoBuildingWorld.Ids(await _world.GetOkAsync("demo-county", "/pairings")));

        // Needs: the paired unit reads 团结's; the unit that is only asking (or not paired at all) does not.
        var needsA = await _world.GetOkAsync(accountA, $"/needs?division={Tuanjie}&year=2026");
        Assert.Contains(need.GetProperty("id").GetGuid(), CoBuildingWorld.Ids(needsA));
        await (await _world.GetAsync(accountB, $"/needs?division={Tuanjie}&year=2026")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.GetAsync(accountB, $"/needs?division={CoBuildingWorld.Yuxi}&year=2026")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // A unit may not write the needs list.
        await (await _world.PostAsync(accountA, "/needs", new { divisionCode = Tuanjie, category = "x", item = "y" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_resources_list_is_kept_by_the_unit_only()
    {
        var (unitA, accountA, _) = await _world.PairedUnitAsync("县住建局");
        var (_, accountB, _) = await _world.UnitWithAccountAsync("县水务局");

        var added = await _world.PostOkAsync(accountA, "/resources", new { year = 2026, category = "人才资源", item = "派出技术骨干参与老旧小区改造" });
        var id = added.GetProperty("id").GetGuid();
        var changed = await (await _world.PutAsync(accountA, $"/resources/{id}", new { year = 2026, category = "人才资源", item = "派出 3 名技术骨干" })).ReadOkAsync<JsonElement>();
        Assert.Equal("派出 3 名技术骨干", changed.GetProperty("item").GetString());

        // Staff read it, but neither staff nor another unit may change it; bad input changes nothing.
        var seen = await _world.GetOkAsync("demo-community-a", $"/resources?unitId={unitA}&year=2026");
        Assert.Equal("派出 3 名技术骨干", Assert.Single(seen.EnumerateArray()).GetProperty("item").GetString());
        await (await _world.PostAsync("demo-community-a", "/resources", new { category = "a", item = "b" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.PutAsync("demo-community-a", $"/resources/{id}", new { category = "a", item = "b" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.PutAsync(accountB, $"/resources/{id}", new { category = "a", item = "b" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PutAsync(accountA, $"/resources/{id}", new { category = "", item = "b" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Empty((await _world.GetOkAsync(accountB, "/resources?year=2026")).EnumerateArray());
        Assert.Equal("派出 3 名技术骨干", Assert.Single((await _world.GetOkAsync(accountA, "/resources?year=2026")).EnumerateArray()).GetProperty("item").GetString());

        var deleted = await (await _world.As(accountA)).DeleteAsync($"{CoBuildingWorld.Api}/resources/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await _world.GetOkAsync(accountA, "/resources?year=2026")).EnumerateArray());
    }

    [Fact]
    public async Task Project_progress_needs_the_current_version_and_completion_records_beneficiaries()
    {
        var (_, account, pairing) = await _world.PairedUnitAsync("县卫健局");
        var resource = await _world.PostOkAsync(account, "/resources", new { year = 2026, category = "医疗资源", item = "每月一次健康讲座" });
        var created = await _world.PostOkAsync("demo-community-a", "/projects",
            new { pairingId = pairing, title = "健康知识进万家", year = 2026, resourceId = resource.GetProperty("id").GetGuid() });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("每月一次健康讲座", created.GetProperty("resourceItem").GetString());
        var version = created.GetProperty("version").GetInt32();

        var progressed = await (await _world.PostWithIfMatchAsync(account, $"/projects/{id}/progress", new { progressPercent = 40, note = "已开展两次讲座" }, version))
            .ReadOkAsync<JsonElement>();
        Assert.Equal("inProgress", progressed.GetProperty("status").GetString());
        Assert.Equal(40, progressed.GetProperty("progressPercent").GetInt32());

        // The community's staff still hold the old version: 409, nothing changes.
        await (await _world.PostWithIfMatchAsync("demo-community-a", $"/projects/{id}/progress", new { progressPercent = 10 }, version))
            .AssertProblemAsync(HttpStatusCode.Conflict, "version_mismatch");
        await (await _world.PostWithIfMatchAsync(account, $"/projects/{id}/progress", new { progressPercent = 140 }, progressed.GetProperty("version").GetInt32()))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var completed = await (await _world.PostWithIfMatchAsync("demo-community-a", $"/projects/{id}/complete", new { beneficiaries = 120, note = "共举办 6 次讲座" },
            progressed.GetProperty("version").GetInt32())).ReadOkAsync<JsonElement>();
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(100, completed.GetProperty("progressPercent").GetInt32());
        Assert.Equal(120, completed.GetProperty("beneficiaries").GetInt32());

        var listed = (await _world.GetOkAsync(account, "/pairings")).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == pairing);
        Assert.Equal(1, listed.GetProperty("projectsDone").GetInt32());
        Assert.Equal(1, listed.GetProperty("projectsTotal").GetInt32());
    }

    [Fact]
    public async Task The_agreement_must_be_a_document_and_only_the_pairings_parties_download_it()
    {
        var (_, account, pairing) = await _world.PairedUnitAsync("县交通局");
        var (_, stranger, _) = await _world.UnitWithAccountAsync("县林业局");

        async Task<HttpResponseMessage> Upload(string user, byte[] bytes, string name, Guid id)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what the client claims does not matter
            form.Add(file, "file", name);
            form.Add(new StringContent("2026-03-01"), "signedOn");
            form.Add(new StringContent("2026-03-01"), "startsOn");
            form.Add(new StringContent("2027-02-28"), "endsOn");
            return await (await _world.As(user)).PostAsync($"{CoBuildingWorld.Api}/pairings/{id}/agreement", form);
        }

        await (await Upload(account, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "协议.pdf", pairing))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "agreement_not_accepted");
        await (await _world.GetAsync(account, $"/pairings/{pairing}/agreement")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await Upload(stranger, Pdf, "协议.pdf", pairing)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var uploaded = await (await Upload(account, Pdf, "共建协议书.pdf", pairing)).ReadOkAsync<JsonElement>();
        Assert.True(uploaded.GetProperty("hasAgreementFile").GetBoolean());
        Assert.Equal("2026-03-01", uploaded.GetProperty("agreementSignedOn").GetString());

        foreach (var party in new[] { account, "demo-community-a", "demo-county" })
        {
            var download = await _world.GetAsync(party, $"/pairings/{pairing}/agreement");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }
        await (await _world.GetAsync(stranger, $"/pairings/{pairing}/agreement")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.GetAsync("demo-community-b", $"/pairings/{pairing}/agreement")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task The_rotating_chair_must_be_an_actively_paired_unit()
    {
        var (paired, _, _) = await _world.PairedUnitAsync("县文旅局");
        var (asking, askingAccount, _) = await _world.UnitWithAccountAsync("县商务局");
        await _world.PostOkAsync(askingAccount, "/pairings", new { divisionCode = Tuanjie });

        await (await _world.PutAsync("demo-community-a", "/chair", new { divisionCode = Tuanjie, year = 2027, months = new[] { new { month = 3, unitId = asking, theme = "学雷锋" } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "chair_not_paired");
        await (await _world.PutAsync("demo-community-b", "/chair", new { divisionCode = Tuanjie, year = 2027, months = new[] { new { month = 3, unitId = paired, theme = "学雷锋" } } }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var schedule = await (await _world.PutAsync("demo-community-a", "/chair",
            new { divisionCode = Tuanjie, year = 2027, months = new[] { new { month = 3, unitId = paired, theme = "学雷锋志愿服务" } } })).ReadOkAsync<JsonElement>();
        var march = schedule.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetInt32() == 3);
        Assert.Equal(paired, march.GetProperty("unitId").GetGuid());
        Assert.Equal(12, schedule.GetProperty("months").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, schedule.GetProperty("months")[1].GetProperty("unitId").ValueKind);
    }

    [Fact]
    public async Task The_quarterly_check_flags_quarters_without_a_joint_meeting()
    {
        // 育西, a past year: meetings in the first and third quarters only.
        await _world.PostOkAsync("demo-community-b", "/meetings", new { divisionCode = CoBuildingWorld.Yuxi, kind = "jointMeeting", heldOn = "2024-02-20", title = "第一季度联席会议" });
        await _world.PostOkAsync("demo-community-b", "/meetings", new { divisionCode = CoBuildingWorld.Yuxi, kind = "jointMeeting", heldOn = "2024-08-15", title = "第三季度联席会议" });
        await _world.PostOkAsync("demo-community-b", "/meetings", new { divisionCode = CoBuildingWorld.Yuxi, kind = "jointMeeting", heldOn = "2024-09-30", title = "第三季度专题会" });

        var check = await _world.GetOkAsync("demo-community-b", "/meetings/quarters?year=2024");
        var yuxi = Assert.Single(check.EnumerateArray());
        Assert.Equal(CoBuildingWorld.Yuxi, yuxi.GetProperty("divisionCode").GetString());
        var quarters = yuxi.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal([1, 0, 2, 0], quarters.Select(q => q.GetProperty("meetings").GetInt32()));
        Assert.Equal([false, true, false, true], quarters.Select(q => q.GetProperty("missing").GetBoolean()));
        Assert.Equal(2, yuxi.GetProperty("missingQuarters").GetInt32());

        // 团结's staff see only 团结 (every quarter of 2024 missing there); 育西's meetings stay out of their view.
        var tuanjie = Assert.Single((await _world.GetOkAsync("demo-community-a", "/meetings/quarters?year=2024")).EnumerateArray());
        Assert.Equal(Tuanjie, tuanjie.GetProperty("divisionCode").GetString());
        Assert.Equal(4, tuanjie.GetProperty("missingQuarters").GetInt32());
        await (await _world.GetAsync("demo-community-a", $"/meetings/quarters?year=2024&division={CoBuildingWorld.Yuxi}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_part_time_committee_member_is_recommended_appointed_and_their_meetings_counted()
    {
        var (unit, account, _) = await _world.PairedUnitAsync("县人社局");
        var (_, stranger, _) = await _world.UnitWithAccountAsync("县审计局");
        await (await _world.PostAsync(stranger, "/committee-members", new { divisionCode = Tuanjie, name = "赵立新" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await _world.PostAsync("demo-community-a", "/committee-members", new { divisionCode = Tuanjie, name = "赵立新" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var member = await _world.PostOkAsync(account, "/committee-members", new { divisionCode = Tuanjie, name = "赵立新", post = "办公室主任", education = "大学本科", duty = "协助开展就业帮扶" });
        var id = member.GetProperty("id").GetGuid();
        Assert.Equal("recommended", member.GetProperty("status").GetString());
        await (await _world.PostAsync(account, $"/committee-members/{id}/appoint")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("appointed", (await _world.PostOkAsync("demo-community-a", $"/committee-members/{id}/appoint", new { on = "2026-04-01" })).GetProperty("status").GetString());

        foreach (var (day, title) in new[] { ("2025-03-10", "一季度联席会议"), ("2025-06-12", "二季度联席会议") })
        {
            await _world.PostOkAsync("demo-community-a", "/meetings", new
            {
                divisionCode = Tuanjie, kind = "jointMeeting", heldOn = day, title, chairUnitId = unit, minutes = "通报共建项目进展", decisions = "启动敬老义诊",
                attendees = new object[] { new { committeeMemberId = id }, new { name = "张社区书记" } },
            });
        }
        await _world.PostOkAsync("demo-community-a", "/meetings", new { divisionCode = Tuanjie, kind = "jointMeeting", heldOn = "2025-09-01", title = "三季度联席会议",
            attendees = new object[] { new { name = "张社区书记" } } });

        var participation = await _world.GetOkAsync(account, $"/committee-members/{id}/participation");
        Assert.Equal(2, participation.GetProperty("meetingsAttended").GetInt32());
        Assert.Equal(["二季度联席会议", "一季度联席会议"], participation.GetProperty("meetings").EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        var listed = (await _world.GetOkAsync("demo-community-a", $"/committee-members?division={Tuanjie}")).EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(2, listed.GetProperty("meetingsAttended").GetInt32());
        Assert.Equal("赵**", listed.GetProperty("name").GetString());
        await (await _world.GetAsync(stranger, $"/committee-members/{id}/participation")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}

/// <summary>The system admin binds a co-building unit account to a unit; without one (or with an unknown one) it is refused.</summary>
public sealed class CoBuildingAccountBindingTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly CoBuildingWorld _world = new(app);

    [Fact]
    public async Task A_unit_account_needs_an_existing_unit_and_then_sees_that_units_rows()
    {
        var (unit, _, _) = await _world.UnitWithAccountAsync("县民政局");
        var admin = await _world.As("demo-sysadmin");
        var name = "unit-bind-" + Guid.NewGuid().ToString("N")[..6];
        object Request(Guid? unitId) => new { userName = name, displayName = "县民政局党支部", role = "CoBuildingUnit", unitId, password = CoBuildingWorld.Password };

        await (await admin.PostAsJsonAsync("/api/v1/accounts", Request(null))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostAsJsonAsync("/api/v1/accounts", Request(Guid.NewGuid()))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/accounts", Request(unit))).StatusCode);

        // The new account acts for the unit: it sees that unit, and may ask to pair for it.
        var units = await _world.GetOkAsync(name, "/units");
        Assert.Equal(unit, Assert.Single(units.EnumerateArray()).GetProperty("id").GetGuid());
        var pairing = await _world.PostOkAsync(name, "/pairings", new { divisionCode = CoBuildingWorld.Tuanjie });
        Assert.Equal(unit, pairing.GetProperty("unitId").GetGuid());
    }
}

/// <summary>The county admin keeps the county's units; everyone else reads them, with the contact's phone masked.</summary>
public sealed class CoBuildingUnitTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly CoBuildingWorld _world = new(app);

    [Fact]
    public async Task The_county_admin_registers_and_changes_units_and_phones_are_masked()
    {
        var name = "大箐山县市场监督管理局" + Guid.NewGuid().ToString("N")[..4];
        var body = new { name, kind = "governmentOrgan", partyOrganisationName = "县市场监管局机关党支部", contactName = "周海涛", contactPhone = "13945678901" };
        await (await _world.PostAsync("demo-community-a", "/units", body)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _world.PostAsync("demo-county", "/units", new { name, kind = "governmentOrgan", contactPhone = "not a phone" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var created = await _world.PostOkAsync("demo-county", "/units", body);
        Assert.Equal("139****8901", created.GetProperty("contactPhone").GetString());
        Assert.Equal("周**", created.GetProperty("contactName").GetString());
        await (await _world.PostAsync("demo-county", "/units", body)).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var id = created.GetProperty("id").GetGuid();
        var changed = await (await _world.PutAsync("demo-county", $"/units/{id}", new { kind = "publicInstitution" })).ReadOkAsync<System.Text.Json.JsonElement>();
        Assert.Equal("publicInstitution", changed.GetProperty("kind").GetString());
        await (await _world.PutAsync("demo-street", $"/units/{id}", new { kind = "university" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Staff below the county read the county's units; a unit's account reads only its own.
        Assert.Contains(id, CoBuildingWorld.Ids(await _world.GetOkAsync("demo-community-b", "/units")));
        Assert.DoesNotContain(id, CoBuildingWorld.Ids(await _world.GetOkAsync("demo-unit", "/units")));
    }
}
