using Microsoft.Extensions.Options;
using QRCoder;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>
/// The QR codes printed per grid and per building: each opens the resident portal's report page with the place filled
/// in (…/report?grid={id} or …/report?building={id}), so a resident who scans the card on a wall reports from there.
/// </summary>
public sealed class GridQrCodes(IOptions<GridsOptions> options)
{
    /// <summary>The portal's address: <see cref="GridsOptions.PublicBaseUrl"/> when set, else the one this request came in on.</summary>
    public string BaseUrl(HttpRequest request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');

    public static string GridReportUrl(string baseUrl, string communityCode, Guid gridId) =>
        $"{baseUrl}/portal/c/{communityCode}/report?grid={gridId}";

    public static string BuildingReportUrl(string baseUrl, string communityCode, Guid buildingId) =>
        $"{baseUrl}/portal/c/{communityCode}/report?building={buildingId}";

    /// <summary>The URL as an SVG QR code (error correction M: survives a little dirt on a printed card), scaled by its viewBox.</summary>
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
