using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Platform.Http;

/// <summary>Optimistic concurrency over HTTP: the If-Match header carries the version the client last read ("3", W/"3" or 3).</summary>
public static class IfMatchHeader
{
    /// <returns>False when the header is there but is not a version; <paramref name="expected"/> is null when there is no header.</returns>
    public static bool TryRead(HttpContext http, out int? expected)
    {
        expected = null;
        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrEmpty(header)) return true;
        if (int.TryParse(header.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"'), out var version))
        {
            expected = version;
            return true;
        }
        return false;
    }
}
