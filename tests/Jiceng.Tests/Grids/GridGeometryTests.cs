using Jiceng.Web.Demo;
using Jiceng.Web.Modules.Grids.Features;
using Jiceng.Web.Platform.Geo;

namespace Jiceng.Tests.Grids;

/// <summary>Point in polygon (GeoPolygon), reading imported GeoJSON, and the overlap check between grids.</summary>
public sealed class GridGeometryTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}""";
    private const string SquareWithHole = """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}""";

    private static GeoPolygon Parse(string json) => GeoPolygon.Parse(json, out var problem) ?? throw new InvalidOperationException(problem);

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(0.001, 9.999, true)]
    [InlineData(-0.001, 5, false)]
    [InlineData(10.001, 5, false)]
    [InlineData(5, 11, false)]
    [InlineData(10, 5, true)] // on the east edge
    [InlineData(0, 0, true)] // on a corner
    public void A_point_is_inside_outside_or_on_the_edge_of_a_square(double lng, double lat, bool inside) =>
        Assert.Equal(inside, Parse(Square).Contains(lng, lat));

    [Theory]
    [InlineData(5, 5, false)] // in the hole
    [InlineData(2, 2, true)]
    [InlineData(4.5, 3.9, true)]
    public void A_hole_is_not_inside(double lng, double lat, bool inside) =>
        Assert.Equal(inside, Parse(SquareWithHole).Contains(lng, lat));

    [Fact]
    public void A_concave_polygon_leaves_its_notch_outside()
    {
        // A "U": the notch between the arms is outside.
        var u = Parse("""{"type":"Polygon","coordinates":[[[0,0],[9,0],[9,9],[6,9],[6,3],[3,3],[3,9],[0,9],[0,0]]]}""");

        Assert.True(u.Contains(1, 8));
        Assert.True(u.Contains(8, 8));
        Assert.False(u.Contains(4.5, 6));
    }

    [Fact]
    public void A_multipolygon_holds_points_of_each_part_and_none_between()
    {
        var two = Parse("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}""");

        Assert.True(two.Contains(0.5, 0.5));
        Assert.True(two.Contains(5.5, 5.5));
        Assert.False(two.Contains(3, 3));
        Assert.Equal((0, 0, 6, 6), (two.MinLng, two.MinLat, two.MaxLng, two.MaxLat));
    }

    [Fact]
    public void A_feature_and_a_feature_collection_are_read_and_stored_as_a_plain_geometry()
    {
        var feature = $$"""{"type":"Feature","properties":{"name":"第9网格"},"geometry":{{Square}}}""";
        var collection = $$"""{"type":"FeatureCollection","features":[{{feature}}]}""";

        foreach (var json in new[] { feature, collection })
        {
            var read = GridGeometry.Read(json);
            Assert.True(read.IsSuccess, read.Error?.Message);
            Assert.Equal("""{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}""", read.Value!.ToGeoJson());
        }
    }

    [Theory]
    [InlineData("", "边界为空")]
    [InlineData("{not json", "不是有效的 GeoJSON")]
    [InlineData("""{"type":"Point","coordinates":[1,2]}""", "Polygon 或 MultiPolygon")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""", "至少需要 4 个点")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""", "没有闭合")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}""", "坐标超出范围")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""", "没有边界环")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "Polygon 或 MultiPolygon")]
    public void Invalid_geojson_is_refused_with_its_reason(string json, string reason)
    {
        var read = GridGeometry.Read(json);

        Assert.False(read.IsSuccess);
        Assert.Equal(GridErrors.InvalidBoundary, read.Error!.Code);
        Assert.Equal(400, read.Error.Status);
        Assert.Contains(reason, read.Error.Message);
    }

    [Fact]
    public void A_boundary_given_as_a_json_string_is_read_like_an_object()
    {
        using var document = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(Square));

        Assert.True(GridGeometry.Read(document.RootElement).IsSuccess);
    }

    [Fact]
    public void Neighbours_sharing_an_edge_or_a_corner_do_not_overlap()
    {
        var square = Parse(Square);

        Assert.False(GridGeometry.Overlap(square, Parse(GridApi.Square(10, 0, 20, 10))));
        Assert.False(GridGeometry.Overlap(square, Parse(GridApi.Square(10, 10, 20, 20))));
        Assert.False(GridGeometry.Overlap(square, Parse(GridApi.Square(30, 30, 40, 40))));
    }

    [Fact]
    public void The_demo_grids_of_each_community_touch_but_do_not_overlap()
    {
        foreach (var community in DemoGridSeederShapes().GroupBy(s => s.CommunityCode))
        {
            var shapes = community.ToList();
            for (var i = 0; i < shapes.Count; i++)
            {
                for (var j = i + 1; j < shapes.Count; j++)
                {
                    Assert.False(GridGeometry.Overlap(Parse(shapes[i].GeoJson), Parse(shapes[j].GeoJson)), $"{shapes[i].Name} / {shapes[j].Name}");
                }
            }
        }
    }

    [Theory]
    [InlineData(5, 5, 15, 15)] // crossing edges
    [InlineData(2, 2, 8, 8)] // inside, no edge crossing
    [InlineData(-5, -5, 15, 15)] // around it
    [InlineData(0, 0, 10, 10)] // the same square
    [InlineData(0, 0, 10, 5)] // the south half, sharing three edges
    [InlineData(4, -5, 6, 15)] // a band across it: no vertex of either inside the other
    public void Overlapping_shapes_are_found(double west, double south, double east, double north)
    {
        var square = Parse(Square);
        var other = Parse(GridApi.Square(west, south, east, north));

        Assert.True(GridGeometry.Overlap(square, other));
        Assert.True(GridGeometry.Overlap(other, square));
    }

    [Fact]
    public void A_grid_inside_another_grids_hole_does_not_overlap_it()
    {
        Assert.False(GridGeometry.Overlap(Parse(SquareWithHole), Parse(GridApi.Square(4, 4, 6, 6))));
        Assert.True(GridGeometry.Overlap(Parse(SquareWithHole), Parse(GridApi.Square(3, 3, 7, 7))));
    }

    private static IReadOnlyList<DemoGridShape> DemoGridSeederShapes() => GridDemoSeeder.Shapes;
}
