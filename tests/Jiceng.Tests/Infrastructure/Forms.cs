using System.Net;
using System.Text.RegularExpressions;

namespace Jiceng.Tests.Infrastructure;

/// <summary>Submits a page's static form as a browser would: its hidden fields (anti-forgery token, form name) plus ours.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        var values = HiddenFields(await client.GetStringAsync(url));
        foreach (var (name, value) in fields) values[name] = value;
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>A rendered page's hidden form fields (anti-forgery token, form name, idempotency key …) by name.</summary>
    public static Dictionary<string, string> HiddenFields(string page) =>
        HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)" ?/?>""")]
    private static partial Regex HiddenInput();
}
