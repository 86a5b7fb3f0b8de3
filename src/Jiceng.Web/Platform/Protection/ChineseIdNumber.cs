using System.Globalization;

namespace Jiceng.Web.Platform.Protection;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999: 6 digits of the division of first registration,
/// the birth date (yyyyMMdd), a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
/// character (0–9 or X).
/// </summary>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Upper-case, without spaces: the form that is validated, hashed and stored.</summary>
    public static string Normalise(string value) => value.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <returns>null when valid; otherwise why not, in Chinese and English.</returns>
    public static string? Problem(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value)) return "身份证号不能为空 / The ID number is empty.";
        var id = Normalise(value);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return "身份证号应为 18 位（最后一位可为 X）/ An ID number has 18 characters (the last may be X).";
        }
        if (BirthDate(id) is not { } birth) return "身份证号中的出生日期无效 / The birth date inside the ID number is not a date.";
        if (birth > today || birth.Year < 1900) return "身份证号中的出生日期不合理 / The birth date inside the ID number is out of range.";
        if (CheckCharacter(id) != id[17]) return "身份证号校验位不正确 / The check digit of the ID number is wrong.";
        return null;
    }

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string id) =>
        id.Length >= 14 && DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Odd sequence: male; even: female.</summary>
    public static bool? IsMale(string id) => id.Length >= 17 && char.IsAsciiDigit(id[16]) ? (id[16] - '0') % 2 == 1 : null;
}
