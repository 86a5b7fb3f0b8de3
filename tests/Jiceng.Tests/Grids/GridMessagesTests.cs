using System.Globalization;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Grids.Features;

namespace Jiceng.Tests.Grids;

/// <summary>The console shows the reader's half of a "中文 / English" message (the API keeps both).</summary>
public sealed class GridMessagesTests
{
    private static string In(string culture, string message)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return Jiceng.Web.Platform.Localization.Texts.InReadersLanguage(message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_rule_message_is_split_after_its_chinese_half_even_without_a_space_before_the_slash()
    {
        var rule = GridStaffingRules.Problem(Guid.NewGuid(), GridWorkerType.FullTime, [], [
            new GridWorkerAssignment(new Grid("230725100001", "/x/", "第1网格", DateTime.UtcNow), Guid.NewGuid(), GridWorkerType.FullTime, DateTime.UtcNow)])!;

        Assert.Equal("该网格已有专职网格员（一人一格）", In("zh-CN", rule));
        Assert.Equal("This grid already has its full-time grid worker.", In("en", rule));
    }

    [Fact]
    public void A_message_with_a_slash_in_its_english_half_keeps_it()
    {
        var error = GridErrors.Boundary("边界无效 / Give a Polygon / MultiPolygon.");

        Assert.Equal("边界无效", In("zh-CN", error.Message));
        Assert.Equal("Give a Polygon / MultiPolygon.", In("en", error.Message));
        Assert.Equal("plain text", In("en", "plain text"));
    }
}
