using System.Net;
using System.Text.RegularExpressions;

namespace Jiceng.Tests.Infrastructure;

/// <summary>Submits a page's static form as a browser would: its hidden fields (anti-forgery token, form name) plus ours.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var values = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in fields) values[name] = value;
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)" ?/?>""")]
    private static partial Regex HiddenInput();
}
