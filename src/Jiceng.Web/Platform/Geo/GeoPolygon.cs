using System.Globalization;
using System.Text.Json;

namespace Jiceng.Web.Platform.Geo;

/// <summary>
/// A grid boundary: one or more polygons (outer ring and holes) in WGS84 longitude/latitude, read from GeoJSON (a
/// Polygon or MultiPolygon geometry, a Feature holding one, or a FeatureCollection whose first feature holds one).
/// Small enough to test a point in memory: the database narrows candidates by bounding box first.
/// </summary>
public sealed class GeoPolygon
{
    /// <summary>Polygons, each a list of rings (the first outer, the rest holes), each ring a closed list of (lng, lat).</summary>
    public IReadOnlyList<IReadOnlyList<(double Lng, double Lat)[]>> Polygons { get; }
    public double MinLng { get; }
    public double MinLat { get; }
    public double MaxLng { get; }
    public double MaxLat { get; }

    private GeoPolygon(List<IReadOnlyList<(double, double)[]>> polygons)
    {
        Polygons = polygons;
        var points = polygons.SelectMany(p => p[0]).ToList();
        MinLng = points.Min(p => p.Item1);
        MaxLng = points.Max(p => p.Item1);
        MinLat = points.Min(p => p.Item2);
        MaxLat = points.Max(p => p.Item2);
    }

    public (double Lng, double Lat) Centre => ((MinLng + MaxLng) / 2, (MinLat + MaxLat) / 2);

    /// <summary>Reads GeoJSON; <paramref name="problem"/> says what is wrong (Chinese / English) when it cannot be used.</summary>
    public static GeoPolygon? Parse(string? geoJson, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(geoJson)) { problem = "边界为空 / The boundary is empty."; return null; }
        try
        {
            using var document = JsonDocument.Parse(geoJson, new JsonDocumentOptions { MaxDepth = 16 });
            var geometry = Geometry(document.RootElement);
            if (geometry is null) { problem = "需要 GeoJSON 的 Polygon 或 MultiPolygon / A GeoJSON Polygon or MultiPolygon is needed."; return null; }
            var type = geometry.Value.GetProperty("type").GetString();
            var coordinates = geometry.Value.GetProperty("coordinates");
            var polygons = new List<IReadOnlyList<(double, double)[]>>();
            if (type == "Polygon") polygons.Add(ReadPolygon(coordinates));
            else foreach (var polygon in coordinates.EnumerateArray()) polygons.Add(ReadPolygon(polygon));
            if (polygons.Count == 0) throw new FormatException("没有多边形 / No polygon.");
            return new GeoPolygon(polygons);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            problem = e is FormatException ? e.Message : "边界不是有效的 GeoJSON / The boundary is not valid GeoJSON.";
            return null;
        }
    }

    private static JsonElement? Geometry(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var type)) return null;
        return type.GetString() switch
        {
            "Polygon" or "MultiPolygon" => element,
            "Feature" when element.TryGetProperty("geometry", out var g) => Geometry(g),
            "FeatureCollection" when element.TryGetProperty("features", out var f) && f.GetArrayLength() > 0 => Geometry(f[0]),
            _ => null,
        };
    }

    private static List<(double, double)[]> ReadPolygon(JsonElement rings)
    {
        var result = new List<(double, double)[]>();
        foreach (var ring in rings.EnumerateArray())
        {
            var points = ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
            if (points.Length < 4) throw new FormatException("多边形的每个环至少需要 4 个点（首尾相同）/ Each ring needs at least 4 positions (first = last).");
            if (points[0] != points[^1]) throw new FormatException("多边形的环没有闭合（首尾点应相同）/ A ring is not closed (its first and last positions differ).");
            if (points.Any(p => p.Item1 is < -180 or > 180 || p.Item2 is < -90 or > 90 || double.IsNaN(p.Item1) || double.IsNaN(p.Item2)))
            {
                throw new FormatException("坐标超出范围（经度 ±180，纬度 ±90）/ A coordinate is out of range (longitude ±180, latitude ±90).");
            }
            if (points.Distinct().Count() < 3) throw new FormatException("多边形面积为零 / The polygon has no area.");
            result.Add(points);
        }
        if (result.Count == 0) throw new FormatException("多边形没有边界环 / The polygon has no ring.");
        return result;
    }

    /// <summary>True when the point lies inside (a point on an edge counts as inside the first grid that claims it).</summary>
    public bool Contains(double lng, double lat)
    {
        if (lng < MinLng || lng > MaxLng || lat < MinLat || lat > MaxLat) return false;
        foreach (var polygon in Polygons)
        {
            if (!InRing(polygon[0], lng, lat)) continue;
            var inHole = false;
            for (var i = 1; i < polygon.Count && !inHole; i++) inHole = InRing(polygon[i], lng, lat);
            if (!inHole) return true;
        }
        return false;
    }

    // Even-odd rule (ray casting to the east); points on an edge count as inside.
    private static bool InRing((double Lng, double Lat)[] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if (OnSegment(xi, yi, xj, yj, x, y)) return true;
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    private static bool OnSegment(double x1, double y1, double x2, double y2, double x, double y)
    {
        var cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
        return Math.Abs(cross) < 1e-12 && x >= Math.Min(x1, x2) && x <= Math.Max(x1, x2) && y >= Math.Min(y1, y2) && y <= Math.Max(y1, y2);
    }

    /// <summary>The boundary as a GeoJSON Polygon/MultiPolygon geometry (what is stored; normalised from whatever was imported).</summary>
    public string ToGeoJson()
    {
        static string Ring((double Lng, double Lat)[] ring) =>
            "[" + string.Join(",", ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lng:0.#######},{p.Lat:0.#######}]"))) + "]";
        static string Polygon(IReadOnlyList<(double, double)[]> rings) => "[" + string.Join(",", rings.Select(Ring)) + "]";
        return Polygons.Count == 1
            ? $$"""{"type":"Polygon","coordinates":{{Polygon(Polygons[0])}}}"""
            : $$"""{"type":"MultiPolygon","coordinates":[{{string.Join(",", Polygons.Select(Polygon))}}]}""";
    }
}
