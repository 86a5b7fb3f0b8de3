using System.Text.Json;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Geo;

namespace Jiceng.Web.Modules.Grids.Features;

/// <summary>
/// Reading an imported boundary and telling whether two grid boundaries overlap.
/// <para>
/// The overlap check is deliberately simple and exact enough for hand-drawn grids: two boundaries overlap when an edge of
/// one properly crosses an edge of the other, or when a vertex, an edge midpoint or an interior point of one lies strictly
/// inside the other (holes respected). Touching is not overlapping: neighbouring grids that share an edge or a corner
/// are allowed. It can miss an overlap only in contrived shapes whose every tested point sits exactly on the other's edges.
/// </para>
/// </summary>
public static class GridGeometry
{
    /// <summary>The stored column holds at most this many characters of normalised GeoJSON.</summary>
    public const int MaxStoredLength = 200_000;
    /// <summary>About 2 cm: stored coordinates keep 7 decimals, so a shared edge may be off by rounding.</summary>
    private const double Tolerance = 2e-7;

    /// <summary>Reads a boundary given as a GeoJSON object, or as a string holding GeoJSON text (both are accepted).</summary>
    public static Result<GeoPolygon> Read(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? Read(element.GetString()) : Read(element.GetRawText());

    public static Result<GeoPolygon> Read(string? geoJson)
    {
        if (geoJson is { Length: > 2_000_000 }) return GridErrors.Boundary("边界文件过大（最多 2 MB）/ The boundary is too large (2 MB at most).");
        var polygon = GeoPolygon.Parse(geoJson, out var problem);
        if (polygon is null) return GridErrors.Boundary(problem);
        if (polygon.ToGeoJson().Length > MaxStoredLength)
        {
            return GridErrors.Boundary("边界的点太多，请简化后再导入 / The boundary has too many points; simplify it first.");
        }
        return polygon;
    }

    /// <summary>The stored boundary as a JSON value for API answers (null when none or unreadable).</summary>
    public static JsonElement? ToJson(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool Overlap(GeoPolygon a, GeoPolygon b)
    {
        if (a.MaxLng < b.MinLng || b.MaxLng < a.MinLng || a.MaxLat < b.MinLat || b.MaxLat < a.MinLat) return false;
        var ringsA = a.Polygons.SelectMany(p => p).ToList();
        var ringsB = b.Polygons.SelectMany(p => p).ToList();
        foreach (var ra in ringsA)
        {
            foreach (var rb in ringsB)
            {
                if (RingsCross(ra, rb)) return true;
            }
        }
        return Probes(a).Any(p => StrictlyInside(b, p)) || Probes(b).Any(p => StrictlyInside(a, p));
    }

    /// <summary>Inside the boundary and not on any of its edges.</summary>
    public static bool StrictlyInside(GeoPolygon polygon, (double Lng, double Lat) point) =>
        polygon.Contains(point.Lng, point.Lat) && !polygon.Polygons.SelectMany(p => p).Any(ring => OnRing(ring, point));

    // Vertices, edge midpoints and, for each polygon, its vertex average when that lies inside it (catches a copy of a grid).
    private static IEnumerable<(double Lng, double Lat)> Probes(GeoPolygon polygon)
    {
        foreach (var rings in polygon.Polygons)
        {
            var outer = rings[0];
            for (var i = 0; i < outer.Length - 1; i++)
            {
                yield return outer[i];
                yield return ((outer[i].Lng + outer[i + 1].Lng) / 2, (outer[i].Lat + outer[i + 1].Lat) / 2);
            }
            var average = (outer[..^1].Average(p => p.Lng), outer[..^1].Average(p => p.Lat));
            if (StrictlyInside(polygon, average)) yield return average;
        }
    }

    private static bool RingsCross((double Lng, double Lat)[] a, (double Lng, double Lat)[] b)
    {
        for (var i = 0; i < a.Length - 1; i++)
        {
            for (var j = 0; j < b.Length - 1; j++)
            {
                if (ProperlyCross(a[i], a[i + 1], b[j], b[j + 1])) return true;
            }
        }
        return false;
    }

    // The segments cross at a point inside both (touching at an end or running along each other is not crossing).
    private static bool ProperlyCross((double X, double Y) p1, (double X, double Y) p2, (double X, double Y) q1, (double X, double Y) q2)
    {
        // Signed distances of each segment's ends from the other segment's line.
        var lq = Length(q1, q2);
        var lp = Length(p1, p2);
        if (lq == 0 || lp == 0) return false;
        var d1 = Cross(q1, q2, p1) / lq;
        var d2 = Cross(q1, q2, p2) / lq;
        var d3 = Cross(p1, p2, q1) / lp;
        var d4 = Cross(p1, p2, q2) / lp;
        return ((d1 > Tolerance && d2 < -Tolerance) || (d1 < -Tolerance && d2 > Tolerance))
            && ((d3 > Tolerance && d4 < -Tolerance) || (d3 < -Tolerance && d4 > Tolerance));
    }

    private static double Cross((double X, double Y) a, (double X, double Y) b, (double X, double Y) c) =>
        (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);

    private static double Length((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));

    // Within the tolerance of an edge: its distance to the segment (not the line) is what counts.
    private static bool OnRing((double Lng, double Lat)[] ring, (double Lng, double Lat) p)
    {
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            var dx = b.Lng - a.Lng;
            var dy = b.Lat - a.Lat;
            var lengthSquared = dx * dx + dy * dy;
            var t = lengthSquared == 0 ? 0 : Math.Clamp(((p.Lng - a.Lng) * dx + (p.Lat - a.Lat) * dy) / lengthSquared, 0, 1);
            if (Length((a.Lng + t * dx, a.Lat + t * dy), p) <= Tolerance) return true;
        }
        return false;
    }
}
