using System.Security.Claims;
using Jiceng.Web.Modules.Organisation.Domain;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Scope;
using Microsoft.Extensions.Options;

namespace Jiceng.Tests.Platform;

public sealed class DataScopeUnitTests
{
    private static ClaimsPrincipal User(string role, string? path = null, Guid? department = null, bool enrollmentOnly = false)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(ClaimTypes.Name, "u"), new(ClaimTypes.Role, role) };
        if (path is not null) claims.Add(new Claim(JicengClaims.DivisionPath, path));
        if (department is not null) claims.Add(new Claim(JicengClaims.DepartmentId, department.Value.ToString()));
        if (enrollmentOnly) claims.Add(new Claim(JicengClaims.EnrollmentOnly, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));
    }

    [Fact]
    public void Community_staff_are_bounded_by_their_subtree()
    {
        var scope = DataScope.For(User(Roles.CommunityStaff, "/23/2307/230725/230725100/230725100001/"));

        Assert.Equal(DataScopeKind.DivisionSubtree, scope.Kind);
        Assert.True(scope.Includes("/23/2307/230725/230725100/230725100001/"));
        Assert.False(scope.Includes("/23/2307/230725/230725100/230725100002/"));
        Assert.False(scope.Includes("/23/2307/230725/230725100/"));
        Assert.Equal(["/23/", "/23/2307/", "/23/2307/230725/", "/23/2307/230725/230725100/"], scope.AncestorPaths);
    }

    [Fact]
    public void The_path_range_holds_exactly_the_subtree()
    {
        var (from, to) = MaterialisedPath.Range("/23/2307/230725/");
        string[] inside = ["/23/2307/230725/", "/23/2307/230725/230725100/", "/23/2307/230725/230725999/230725999999/"];
        string[] outside = ["/23/2307/2307250/", "/23/2307/230726/", "/23/2307/23072/", "/23/2307/", "/23/2307/230725"];

        Assert.All(inside, p => Assert.True(string.CompareOrdinal(p, from) >= 0 && string.CompareOrdinal(p, to) < 0, p));
        Assert.All(outside, p => Assert.False(string.CompareOrdinal(p, from) >= 0 && string.CompareOrdinal(p, to) < 0, p));
    }

    [Fact]
    public void Departments_self_service_roles_admins_and_anonymous_get_their_own_kinds()
    {
        var department = Guid.NewGuid();

        var handler = DataScope.For(User(Roles.DepartmentHandler, department: department));
        Assert.Equal((DataScopeKind.Department, department, null), (handler.Kind, handler.DepartmentId, handler.PathRange));
        Assert.Equal(DataScopeKind.Self, DataScope.For(User(Roles.Resident)).Kind);
        Assert.Equal(DataScopeKind.Self, DataScope.For(User(Roles.PartyMember)).Kind);
        Assert.Equal(DataScopeKind.None, DataScope.For(User(Roles.AuditAdmin)).Kind);
        Assert.Equal(DataScopeKind.None, DataScope.For(User(Roles.CountyAdmin, "/23/2307/230725/", enrollmentOnly: true)).Kind);
        Assert.Equal(DataScopeKind.None, DataScope.For(new ClaimsPrincipal(new ClaimsIdentity())).Kind);
        // A staff role without a division sees nothing rather than everything.
        Assert.Equal(DataScopeKind.Self, DataScope.For(User(Roles.CommunityStaff)).Kind);
    }
}

public sealed class DivisionNameUnitTests
{
    [Theory]
    [InlineData(DivisionLevel.Township, "带岭镇", DivisionKind.Town)]
    [InlineData(DivisionLevel.Township, "红旗街道", DivisionKind.Street)]
    [InlineData(DivisionLevel.Township, "什运乡", DivisionKind.Township)]
    [InlineData(DivisionLevel.Village, "团结社区居委会", DivisionKind.Community)]
    [InlineData(DivisionLevel.Village, "西北岔中心社区", DivisionKind.Community)]
    [InlineData(DivisionLevel.Village, "金星村委会", DivisionKind.Village)]
    public void The_kind_of_a_division_follows_its_name(DivisionLevel level, string name, DivisionKind kind) =>
        Assert.Equal(kind, DivisionNames.KindOf(level, name));

    [Theory]
    [InlineData("团结社区居委会", "团结社区")]
    [InlineData("金星村委会", "金星村")]
    [InlineData("红星村村民委员会", "红星村")]
    [InlineData("带岭镇", "带岭镇")]
    public void Committee_suffixes_are_dropped_from_the_short_name(string name, string shortName) =>
        Assert.Equal(shortName, DivisionNames.Shorten(name));
}

public sealed class PasswordPolicyUnitTests
{
    private readonly CharacterClassPasswordValidator _validator = new(Options.Create(new SecurityOptions()));

    [Theory]
    [InlineData("Jiceng#2026demo", true)]
    [InlineData("abcdefgh12", false)]
    [InlineData("Abcdefgh12", true)]
    [InlineData("Ab1#", false)]
    [InlineData("abcdefghij#", false)]
    [InlineData("ABCDEFGHIJ#1", true)]
    public async Task Ten_characters_of_three_classes(string password, bool valid)
    {
        var result = await _validator.ValidateAsync(null!, new AppUser { UserName = "someone" }, password);

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public async Task The_user_name_may_not_be_in_the_password()
    {
        var result = await _validator.ValidateAsync(null!, new AppUser { UserName = "zhangsan" }, "Zhangsan-2026");

        Assert.False(result.Succeeded);
    }
}
