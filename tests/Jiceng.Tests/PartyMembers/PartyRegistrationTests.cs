using System.Net;
using System.Text.Json;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.PartyMembers.Domain;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Tests.PartyMembers;

/// <summary>双报到: registering, one open registration per member, the community's decision, sessions and who may attend, and scope.</summary>
public sealed class PartyRegistrationTests(PartyApp app) : IClassFixture<PartyApp>
{
    private readonly PartyWorld _world = new(app);

    [Fact]
    public async Task A_member_registers_once_the_community_confirms_and_a_decision_is_taken_once()
    {
        var member = await _world.MemberAsync(name: "孙晓燕");
        var countBefore = await _world.Q(db => db.MemberRegistrations.CountAsync());

        // Bad input changes nothing.
        (await _world.PostAsync(member.UserName, "/api/v1/party/registrations", new { divisionCode = "999999999999", employerName = "某局" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _world.PostAsync(member.UserName, "/api/v1/party/registrations", new { divisionCode = PartyWorld.Tuanjie, employerName = " " }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Equal(countBefore, await _world.Q(db => db.MemberRegistrations.CountAsync()));

        var response = await _world.PostAsync(member.UserName, "/api/v1/party/registrations",
            new { divisionCode = PartyWorld.Tuanjie, employerName = "大箐山县税务局", employerPartyOrganisation = "大箐山县税务局机关党支部", skills = "法律咨询" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadOkAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal(member.PersonId, created.GetProperty("personId").GetGuid());
        Assert.Equal("孙晓燕", created.GetProperty("memberName").GetString()); // the member sees their own name

        // One open registration per member.
        await (await _world.PostAsync(member.UserName, "/api/v1/party/registrations", new { divisionCode = PartyWorld.Yuxi, employerName = "大箐山县税务局" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        var mine = await _world.GetOkAsync(member.UserName, "/api/v1/party/registrations/mine");
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());

        // 育西's staff cannot see or decide 团结's registration.
        (await _world.GetAsync("demo-community-b", $"/api/v1/party/registrations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.PostAsync("demo-community-b", $"/api/v1/party/registrations/{id}/confirm", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var yuxiList = await _world.GetOkAsync("demo-community-b", "/api/v1/party/registrations");
        Assert.DoesNotContain(yuxiList.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        // 团结's staff see it with the name masked; a decline needs a reason.
        var listed = (await _world.GetOkAsync("demo-community-a", "/api/v1/party/registrations?status=Pending")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("孙**", listed.GetProperty("memberName").GetString());
        (await _world.PostAsync("demo-community-a", $"/api/v1/party/registrations/{id}/decline", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var confirmed = await _world.PostOkAsync("demo-community-a", $"/api/v1/party/registrations/{id}/confirm", new { note = "欢迎报到" });
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        await (await _world.PostAsync("demo-community-a", $"/api/v1/party/registrations/{id}/decline", new { note = "迟到的决定" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "registration_not_pending");
        Assert.Equal(1, await _world.Q(db => db.AuditEntries.CountAsync(a => a.Action == "party.registration.confirmed" && a.ObjectId == id.ToString())));

        // The member ends it (moved house) and may then report again.
        var ended = await _world.PostOkAsync(member.UserName, $"/api/v1/party/registrations/{id}/end", new { note = "搬家" });
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        (await _world.PostAsync(member.UserName, "/api/v1/party/registrations", new { divisionCode = PartyWorld.Yuxi, employerName = "大箐山县税务局" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_member_leave_exactly_one_open()
    {
        var member = await _world.MemberAsync(name: "钱立新");
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.ClientForAsync(member.UserName, Care.CareWorld.Password)));
        var responses = await Task.WhenAll(clients.Select(c => System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(c, "/api/v1/party/registrations",
            new { divisionCode = PartyWorld.Tuanjie, employerName = "大箐山县财政局" })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await _world.Q(db => db.MemberRegistrations.CountAsync(r => r.UserId == member.UserId)));
    }

    [Fact]
    public async Task Only_confirmed_registrations_of_the_sessions_community_can_attend_and_attendance_is_recorded_once()
    {
        var pending = await _world.MemberAsync(name: "李晓东");
        var confirmed = await _world.MemberAsync(name: "周海燕");
        var elsewhere = await _world.MemberAsync(PartyWorld.Yuxi, "吴国庆");
        var pendingId = await _world.RegisteredAsync(pending.UserName, confirm: false);
        var confirmedId = await _world.RegisteredAsync(confirmed.UserName);
        var elsewhereId = await _world.RegisteredAsync(elsewhere.UserName, PartyWorld.Yuxi);
        var session = await _world.SessionAsync(PartyWorld.Tuanjie, MemberSessionKind.OrganisationLife, new DateOnly(2026, 6, 1));

        await (await _world.AttendAsync(session, pendingId)).AssertProblemAsync(HttpStatusCode.BadRequest, "registration_not_confirmed");
        await (await _world.AttendAsync(session, confirmedId, elsewhereId)).AssertProblemAsync(HttpStatusCode.BadRequest, "registration_not_confirmed");
        Assert.Equal(0, await _world.Q(db => db.MemberSessionAttendance.CountAsync(a => a.SessionId == session)));

        var first = await (await _world.AttendAsync(session, confirmedId)).ReadOkAsync<JsonElement>();
        Assert.Equal(1, first.GetProperty("added").GetInt32());
        var again = await (await _world.AttendAsync(session, confirmedId)).ReadOkAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        Assert.Equal(1, again.GetProperty("alreadyThere").GetInt32());
        Assert.Equal(1, await _world.Q(db => db.MemberSessionAttendance.CountAsync(a => a.SessionId == session)));

        // 育西's staff neither see nor add to 团结's session; a member cannot record sessions at all.
        (await _world.GetAsync("demo-community-b", $"/api/v1/party/sessions/{session}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.PostAsync("demo-community-b", $"/api/v1/party/sessions/{session}/attendance", new { registrationIds = new[] { elsewhereId } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.PostAsync(confirmed.UserName, "/api/v1/party/sessions",
            new { divisionCode = PartyWorld.Tuanjie, kind = "survey", title = "调研", heldOn = "2026-06-01" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_member_sees_only_their_own_registration_and_a_unit_only_those_naming_it()
    {
        var unit = await _world.DemoUnitIdAsync();
        var other = await _world.OtherUnitIdAsync();
        var a = await _world.MemberAsync(name: "郑丽华");
        var b = await _world.MemberAsync(name: "冯建军");
        var c = await _world.MemberAsync(PartyWorld.Yuxi, "陈志明");
        var aId = await _world.RegisteredAsync(a.UserName, unitId: unit);
        var bId = await _world.RegisteredAsync(b.UserName, unitId: other);
        var cId = await _world.RegisteredAsync(c.UserName, PartyWorld.Yuxi, unitId: unit);

        // A member: their own, never another's (404, not 403).
        (await _world.GetAsync(a.UserName, $"/api/v1/party/registrations/{aId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _world.GetAsync(a.UserName, $"/api/v1/party/registrations/{bId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.GetAsync(a.UserName, $"/api/v1/party/registrations/{bId}/six")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.GetAsync(a.UserName, $"/api/v1/party/registrations/{aId}/six")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _world.GetAsync(a.UserName, "/api/v1/party/registrations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _world.PostAsync(a.UserName, $"/api/v1/party/registrations/{bId}/end", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The demo unit: the registrations naming it, in any community; not another unit's.
        (await _world.GetAsync("demo-unit", $"/api/v1/party/registrations/{aId}/six")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _world.GetAsync("demo-unit", $"/api/v1/party/registrations/{cId}/six")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _world.GetAsync("demo-unit", $"/api/v1/party/registrations/{bId}/six")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.PostAsync("demo-unit", $"/api/v1/party/registrations/{aId}/end", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // 育西's staff: not 团结's.
        (await _world.GetAsync("demo-community-b", $"/api/v1/party/registrations/{aId}/six")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _world.GetAsync("demo-community-b", $"/api/v1/party/registrations/{cId}/six")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _world.GetAsync("demo-street", $"/api/v1/party/registrations/{aId}/six")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

internal static class StatusAssertions
{
    public static void ShouldBe(this HttpStatusCode actual, HttpStatusCode expected) => Assert.Equal(expected, actual);
}
