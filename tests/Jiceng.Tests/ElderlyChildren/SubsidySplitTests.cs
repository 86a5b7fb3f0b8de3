using Jiceng.Web.Modules.ElderlyChildren.Domain;
using Jiceng.Web.Modules.ElderlyChildren.Features;

namespace Jiceng.Tests.ElderlyChildren;

/// <summary>The "三个一点" split rules, without the app: bands, most favourable, never negative, percent rounding.</summary>
public sealed class SubsidySplitTests
{
    private static readonly Canteen Canteen = new("230725100001", "x", "测试食堂", "一楼", "", DateTime.UtcNow);

    private static CanteenSubsidyBand Band(string label, int? min, int? max, string? status, long government, long community, ShareKind kind = ShareKind.FixedFen) =>
        new(Canteen, label, min, max, status, kind, government, community);

    private static readonly CanteenSubsidyBand[] Demo =
    [
        Band("80+", 80, null, null, 600, 400),
        Band("低保", null, null, "dibao", 600, 400),
        Band("60–79", 60, 79, null, 300, 200),
    ];

    [Theory]
    [InlineData(85, "", 500, 600, 400, "80+")]
    [InlineData(80, "", 500, 600, 400, "80+")]
    [InlineData(79, "", 1000, 300, 200, "60–79")]
    [InlineData(60, "", 1000, 300, 200, "60–79")]
    [InlineData(59, "", 1500, 0, 0, null)]
    [InlineData(45, "dibao", 500, 600, 400, "低保")]
    [InlineData(65, "dibao", 500, 600, 400, "低保")] // 60–79 and 低保 both apply: the cheaper one for the elder
    [InlineData(null, "", 1500, 0, 0, null)] // age unknown: no age band
    public void Bands_give_the_split_and_the_most_favourable_applies(int? age, string tag, long elderly, long government, long community, string? band)
    {
        var split = SubsidySplit.For(1500, age, tag.Length > 0 ? [tag] : [], Demo);
        Assert.Equal((1500L, elderly, government, community, band), (split.PriceFen, split.ElderlyFen, split.GovernmentFen, split.CommunityFen, split.BandLabel));
    }

    [Fact]
    public void The_elder_never_pays_less_than_zero_and_the_community_share_is_cut_first()
    {
        var generous = Band("特困", null, null, "tekun", 1000, 1000);
        var split = SubsidySplit.For(1500, 70, ["tekun"], [generous]);
        Assert.Equal((0L, 1000L, 500L), (split.ElderlyFen, split.GovernmentFen, split.CommunityFen));

        var cheapMeal = SubsidySplit.For(800, 70, ["tekun"], [generous]);
        Assert.Equal((0L, 800L, 0L), (cheapMeal.ElderlyFen, cheapMeal.GovernmentFen, cheapMeal.CommunityFen));
    }

    [Fact]
    public void Percent_shares_are_rounded_down_to_the_fen_and_the_parts_add_up()
    {
        var split = SubsidySplit.For(1299, 82, [], [Band("80+", 80, null, null, 40, 25, ShareKind.Percent)]);
        Assert.Equal(519, split.GovernmentFen); // 1299 × 40 % = 519.6
        Assert.Equal(324, split.CommunityFen); // 1299 × 25 % = 324.75
        Assert.Equal(1299, split.ElderlyFen + split.GovernmentFen + split.CommunityFen);
    }
}
