using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jiceng.Tests.Infrastructure;

public static class JsonValues
{
    /// <summary>The string values of an API answer, without ids and times.</summary>
    public static IEnumerable<string> Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when element.GetString() is { } s && !Guid.TryParse(s, out _) && !DateTime.TryParse(s, out _) => [s],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Shown(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Shown),
        _ => [],
    };

    /// <summary>
    /// Asserts that no value shown in the answer holds the short number <paramref name="number"/> (a room such as "502")
    /// on its own, as in "3单元502室". Hex runs are skipped: a random GUID or a test name's random tail ("测试网格4e501f")
    /// holds such digits by chance, which made this check fail now and then when it read the raw text.
    /// </summary>
    public static void AssertNumberNotShown(string number, JsonElement element)
    {
        var alone = new Regex($"(?<![0-9a-fA-F]){Regex.Escape(number)}(?![0-9a-fA-F])");
        Assert.DoesNotContain(Shown(element), alone.IsMatch);
    }
}
