using System.Net;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Modules.Organisation.Features;

namespace Jiceng.Tests.Organisation;

/// <summary>Data scope over every organisation endpoint, with the demo accounts of the shared app.</summary>
public sealed class OrganisationApiScopeTests(SharedApp app)
{
    private const string County = "230725";
    private const string Dailing = "230725100";
    private const string Tuanjie = "230725100001";
    private const string Yuxi = "230725100002";

    [Fact]
    public async Task Community_staff_see_their_own_community()
    {
        var client = await app.ClientForAsync("demo-community-a");

        var roots = await (await client.GetAsync("/api/v1/divisions")).ReadOkAsync<List<DivisionDto>>();
        var own = await (await client.GetAsync($"/api/v1/divisions/{Tuanjie}")).ReadOkAsync<DivisionDto>();

        Assert.Equal(Tuanjie, Assert.Single(roots).Code);
        Assert.Equal("团结社区", own.ShortName);
        Assert.Equal(DivisionKind.Community, own.Kind);
        Assert.Equal(Dailing, own.ParentCode);
    }

    [Theory]
    [InlineData("/api/v1/divisions/" + Yuxi)]
    [InlineData("/api/v1/divisions/" + Yuxi + "/children")]
    [InlineData("/api/v1/divisions/" + Dailing)]
    [InlineData("/api/v1/divisions/" + Dailing + "/children")]
    [InlineData("/api/v1/divisions/" + County)]
    [InlineData("/api/v1/party-organisations?division=" + Yuxi)]
    public async Task Community_staff_cannot_read_another_community_or_anything_above_them(string url)
    {
        var client = await app.ClientForAsync("demo-community-a");

        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Fact]
    public async Task Searching_never_returns_a_division_outside_the_scope()
    {
        var client = await app.ClientForAsync("demo-community-a");

        var byName = await (await client.GetAsync("/api/v1/divisions?search=" + Uri.EscapeDataString("育西"))).ReadOkAsync<List<DivisionDto>>();
        var byCode = await (await client.GetAsync("/api/v1/divisions?search=2307251000")).ReadOkAsync<List<DivisionDto>>();
        var everything = await (await client.GetAsync("/api/v1/divisions?search=" + Uri.EscapeDataString("社区"))).ReadOkAsync<List<DivisionDto>>();

        Assert.Empty(byName);
        Assert.Equal(Tuanjie, Assert.Single(byCode).Code);
        Assert.Equal(Tuanjie, Assert.Single(everything).Code);
    }

    [Fact]
    public async Task Party_organisations_are_scoped_like_the_divisions_they_serve()
    {
        var own = await app.ClientForAsync("demo-community-a");
        var other = await app.ClientForAsync("demo-community-b");

        var community = await (await own.GetAsync($"/api/v1/party-organisations?division={Tuanjie}")).ReadOkAsync<List<PartyOrganisationDto>>();
        var top = community.Single(p => p.Level == PartyOrganisationLevel.CommunityOrganisation);
        var below = await (await own.GetAsync($"/api/v1/party-organisations?parent={top.Id}")).ReadOkAsync<List<PartyOrganisationDto>>();
        var seenByOther = await (await other.GetAsync($"/api/v1/party-organisations?parent={top.Id}")).ReadOkAsync<List<PartyOrganisationDto>>();

        // Listed as a tree: the community's own organisation first, every parent before its children.
        Assert.Equal(top.Id, community[0].Id);
        Assert.All(community.Select((p, i) => (p, i)).Where(x => x.p.ParentId is not null && community.Any(c => c.Id == x.p.ParentId)),
            x => Assert.True(community.FindIndex(c => c.Id == x.p.ParentId) < x.i, x.p.Name));
        Assert.Equal(3, top.Depth);
        Assert.Contains(below, p => p.Level == PartyOrganisationLevel.GridBranch);
        Assert.Contains(below, p => p.Level == PartyOrganisationLevel.CompoundOrganisation);
        Assert.Empty(seenByOther);
    }

    [Fact]
    public async Task Street_staff_see_their_whole_township_and_nothing_beside_it()
    {
        var client = await app.ClientForAsync("demo-street");

        var children = await (await client.GetAsync($"/api/v1/divisions/{Dailing}/children")).ReadOkAsync<List<DivisionDto>>();
        await (await client.GetAsync("/api/v1/divisions/230725101")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");

        Assert.Contains(children, c => c.Code == Tuanjie && c.Kind == DivisionKind.Community);
        Assert.Contains(children, c => c.Code == Yuxi);
        Assert.Contains(children, c => c.Kind == DivisionKind.Village);
        Assert.All(children, c => Assert.StartsWith(Dailing, c.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_county_admin_browses_the_county_with_child_counts()
    {
        var client = await app.ClientForAsync("demo-county");

        var root = Assert.Single(await (await client.GetAsync("/api/v1/divisions")).ReadOkAsync<List<DivisionDto>>());
        var townships = await (await client.GetAsync($"/api/v1/divisions/{County}/children")).ReadOkAsync<List<DivisionDto>>();
        await (await client.GetAsync("/api/v1/divisions/230804")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");

        Assert.Equal(County, root.Code);
        Assert.Equal(2, root.ChildCount);
        Assert.Equal(["230725100", "230725101"], townships.Select(t => t.Code));
        Assert.Equal(12, townships[0].ChildCount);
    }

    [Fact]
    public async Task A_department_handler_sees_no_organisation_data_but_its_own_department()
    {
        var client = await app.ClientForAsync("demo-dept");

        Assert.Empty(await (await client.GetAsync("/api/v1/divisions")).ReadOkAsync<List<DivisionDto>>());
        await (await client.GetAsync($"/api/v1/divisions/{Tuanjie}")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await client.GetAsync($"/api/v1/divisions/{County}/children")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        await (await client.GetAsync($"/api/v1/party-organisations?division={County}")).AssertProblemAsync(HttpStatusCode.Forbidden, "out_of_scope");
        Assert.Empty(await (await client.GetAsync("/api/v1/divisions?search=" + Uri.EscapeDataString("社区"))).ReadOkAsync<List<DivisionDto>>());
        var departments = await (await client.GetAsync("/api/v1/departments")).ReadOkAsync<List<DepartmentDto>>();

        Assert.Equal("ZJJ", Assert.Single(departments).ShortCode);
    }

    [Fact]
    public async Task Community_staff_see_the_departments_of_their_county()
    {
        var client = await app.ClientForAsync("demo-community-a");

        var departments = await (await client.GetAsync("/api/v1/departments")).ReadOkAsync<List<DepartmentDto>>();

        Assert.True(departments.Count >= 10);
        Assert.All(departments, d => Assert.Equal(County, d.CountyCode));
        Assert.Contains(departments, d => d.Name.Contains("民政局", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/divisions")]
    [InlineData("/api/v1/divisions/" + Tuanjie)]
    [InlineData("/api/v1/divisions/" + Tuanjie + "/children")]
    [InlineData("/api/v1/party-organisations?division=" + Tuanjie)]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/accounts")]
    [InlineData("/api/v1/security/locked-accounts")]
    [InlineData("/api/v1/auth/me")]
    public async Task Anonymous_callers_get_401_problem(string url)
    {
        var client = app.CreateClient();

        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("demo-resident")]
    [InlineData("demo-party")]
    [InlineData("demo-sysadmin")]
    [InlineData("demo-secadmin")]
    [InlineData("demo-auditor")]
    public async Task Residents_party_members_and_the_three_administrators_read_no_organisation_data(string user)
    {
        var client = await app.ClientForAsync(user);

        await (await client.GetAsync("/api/v1/divisions/" + Tuanjie)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/api/v1/departments")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_missing_division_is_404_and_a_bad_search_is_400()
    {
        var client = await app.ClientForAsync("demo-county");

        await (await client.GetAsync("/api/v1/divisions/999999")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/divisions?search=" + new string('x', 51))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
