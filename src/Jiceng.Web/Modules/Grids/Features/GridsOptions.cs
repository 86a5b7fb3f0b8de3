using System.ComponentModel.DataAnnotations;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>Settings of the grid map and the printed QR codes ("Grids" section).</summary>
public sealed class GridsOptions
{
    public const string Section = "Grids";

    /// <summary>
    /// A Leaflet tile URL template for production (e.g. 天地图's vector tiles with the county's key); the map draws the grids
    /// on a plain background when it is not set (no internet tiles here).
    /// </summary>
    [StringLength(500)]
    public string? TileUrl { get; set; }

    /// <summary>Subdomains for {s} in <see cref="TileUrl"/> (天地图: "01234567").</summary>
    [StringLength(20)]
    public string? TileSubdomains { get; set; }

    /// <summary>The tile provider's credit line (e.g. "© 天地图").</summary>
    [StringLength(200)]
    public string? TileAttribution { get; set; }

    /// <summary>
    /// The address residents reach the portal at, e.g. "https://jiceng.example.gov.cn"; printed QR codes point there.
    /// Taken from the request when not set (fine when staff print from the public address).
    /// </summary>
    [Url, StringLength(200)]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where the map opens for a community without any drawn grid (大箐山县 带岭镇 by default).</summary>
    [Range(-90, 90)]
    public double DefaultLatitude { get; set; } = 47.033;

    [Range(-180, 180)]
    public double DefaultLongitude { get; set; } = 129.02;
}
