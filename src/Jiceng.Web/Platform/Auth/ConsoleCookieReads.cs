using Microsoft.Net.Http.Headers;

namespace Jiceng.Web.Platform.Auth;

/// <summary>
/// Marks a read-only API endpoint that the console shows straight in the browser (an &lt;img&gt; source, a link that
/// opens a photo), where no bearer token can be sent. A GET to it that carries no Authorization header but the
/// console's sign-in cookie is authenticated by that cookie, and then passes the same session check and the same
/// policy as any request. Everything else under /api takes bearer tokens only (no cookie, so no cross-site request
/// forgery); a GET changes nothing, and the cookie is SameSite=Strict besides.
/// </summary>
public sealed class ConsoleCookieReads
{
    public const string CookieName = "jiceng.auth";

    private static readonly ConsoleCookieReads Marker = new();

    /// <summary>Whether this request is such a read: the authentication selector then picks the cookie scheme.</summary>
    public static bool Applies(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && context.Request.Cookies.ContainsKey(CookieName)
        && context.GetEndpoint()?.Metadata.GetMetadata<ConsoleCookieReads>() is not null;

    public static TBuilder Allow<TBuilder>(TBuilder builder) where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Marker);
}

public static class ConsoleCookieReadsExtensions
{
    /// <summary>Lets the console's sign-in cookie authenticate GETs of this endpoint (see <see cref="ConsoleCookieReads"/>).</summary>
    public static TBuilder AllowConsoleCookieReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        ConsoleCookieReads.Allow(builder);
}
