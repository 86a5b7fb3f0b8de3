using Jiceng.Web.Modules.Residents.Features;
using Jiceng.Web.Platform.Protection;

namespace Jiceng.Tests.Residents;

public sealed class IdNumberValidationTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    [Theory]
    [InlineData("11010519491231002X")] // the GB 11643 example, check character X
    [InlineData("230725199001011238")]
    [InlineData("11010519491231002x")] // lower-case x is normalised
    [InlineData(" 110105 19491231002X ")] // spaces are dropped
    public void Valid_numbers_pass(string id)
    {
        Assert.Null(ChineseIdNumber.Problem(id, Today));
        Assert.True(ResidentRegistry.CheckIdNumber(id, Today).IsSuccess);
        Assert.Matches("^[0-9]{17}[0-9X]$", ResidentRegistry.CheckIdNumber(id, Today).Value!);
    }

    [Fact]
    public void The_check_character_is_iso_7064_mod_11_2()
    {
        Assert.Equal('X', ChineseIdNumber.CheckCharacter("11010519491231002"));
        Assert.Equal('8', ChineseIdNumber.CheckCharacter("23072519900101123"));
        // Every other last character is refused.
        foreach (var wrong in "0123456789X".Where(c => c != 'X'))
        {
            Assert.Contains("校验位", ChineseIdNumber.Problem("11010519491231002" + wrong, Today));
        }
    }

    [Theory]
    [InlineData("11010519491231002", "18")] // 17 characters
    [InlineData("11010519491231002X1", "18")] // 19 characters
    [InlineData("1101051949123100XX", "18")] // X only last
    [InlineData("11010519490230002X", "出生日期")] // 30 February
    [InlineData("11010519491331002X", "出生日期")] // month 13
    [InlineData("11010520990101002X", "出生日期")] // born in the future
    [InlineData("11010518800101002X", "")] // 1880: out of range or wrong check digit, never valid
    [InlineData("", "空")]
    public void Invalid_numbers_say_why(string id, string reason)
    {
        var problem = ChineseIdNumber.Problem(id, Today);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
        var result = ResidentRegistry.CheckIdNumber(id.Length == 0 ? " x " : id, Today);
        Assert.False(result.IsSuccess);
        Assert.Equal(ResidentErrorCodes.InvalidIdNumber, result.Error!.Code);
    }

    [Fact]
    public void Birth_date_and_sex_come_from_the_number()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ChineseIdNumber.BirthDate("11010519491231002X"));
        Assert.False(ChineseIdNumber.IsMale("11010519491231002X")); // sequence 002: even
        Assert.True(ChineseIdNumber.IsMale("230725199001011238")); // sequence 123: odd
    }

    [Theory]
    [InlineData("13812341234", true)]
    [InlineData("0458-3612345", true)]
    [InlineData("12812341234", false)]
    [InlineData("1381234123", false)]
    [InlineData("phone", false)]
    public void Phones_follow_the_one_rule(string phone, bool valid) =>
        Assert.Equal(valid, ResidentRegistry.CheckPhone(phone).IsSuccess);
}
