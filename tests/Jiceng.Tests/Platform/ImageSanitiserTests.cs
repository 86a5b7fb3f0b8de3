using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Jiceng.Web.Platform.Files;

namespace Jiceng.Tests.Platform;

public sealed class ImageSanitiserTests
{
    private static readonly string[] MetadataStrings = ["GPSLatitude", "GPSLongitude", "secret location", "Exif", "xmpmeta"];

    [Fact]
    public void A_jpeg_keeps_its_image_segments_in_order_and_loses_its_metadata()
    {
        var check = ImageSanitiser.Check(TestImages.Jpeg());

        var image = AssertAccepted(check, ImageKind.Jpeg, "image/jpeg", ".jpg");
        AssertNoMetadata(image.Content);
        Assert.Equal(TestImages.CleanJpeg(), image.Content);
    }

    [Fact]
    public void A_jpeg_loses_everything_after_its_end_marker()
    {
        var check = ImageSanitiser.Check(TestImages.Concat(TestImages.Jpeg(), TestImages.Jpeg()));

        var image = AssertAccepted(check, ImageKind.Jpeg, "image/jpeg", ".jpg");
        Assert.Equal(TestImages.CleanJpeg(), image.Content);
    }

    [Fact]
    public void A_png_keeps_its_image_chunks_in_order_and_loses_its_metadata()
    {
        var check = ImageSanitiser.Check(TestImages.Png());

        var image = AssertAccepted(check, ImageKind.Png, "image/png", ".png");
        AssertNoMetadata(image.Content);
        Assert.Equal(TestImages.CleanPng(), image.Content);
        Assert.Equal(["IHDR", "sRGB", "IDAT", "IEND"], TestImages.PngChunkTypesWithValidCrc(image.Content));
    }

    [Fact]
    public void A_webp_loses_its_metadata_chunks_and_flags_and_gets_a_correct_riff_size()
    {
        var check = ImageSanitiser.Check(TestImages.WebP());

        var image = AssertAccepted(check, ImageKind.WebP, "image/webp", ".webp");
        AssertNoMetadata(image.Content);
        Assert.Equal(TestImages.CleanWebP(), image.Content);
        Assert.Equal((uint)(image.Content.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(image.Content.AsSpan(4)));
        var flags = image.Content[20];
        Assert.Equal(0, flags & (TestImages.ExifFlag | TestImages.XmpFlag));
        Assert.Equal(TestImages.IccFlag, flags & TestImages.IccFlag);
    }

    [Theory]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000;")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("RIFF\u0004\u0000\u0000\u0000WAVE")]
    public void Files_that_are_not_jpeg_png_or_webp_are_not_images(string content)
    {
        var check = ImageSanitiser.Check(Encoding.Latin1.GetBytes(content));

        Assert.False(check.IsAccepted);
        Assert.Equal(ImageRejection.NotAnImage, check.Rejection);
        Assert.False(string.IsNullOrWhiteSpace(check.Reason));
    }

    [Fact]
    public void An_empty_file_is_empty()
    {
        var check = ImageSanitiser.Check([]);

        Assert.Null(check.Image);
        Assert.Equal(ImageRejection.Empty, check.Rejection);
    }

    [Theory]
    [InlineData(ImageKind.Jpeg, 2)]
    [InlineData(ImageKind.Png, 8)]
    [InlineData(ImageKind.WebP, 12)]
    public void Every_truncation_is_malformed(ImageKind kind, int signatureLength)
    {
        var whole = TestImages.Of(kind);

        for (var length = signatureLength; length < whole.Length; length++)
        {
            var check = ImageSanitiser.Check(whole.AsSpan(0, length));
            Assert.True(check.Rejection == ImageRejection.Malformed, $"{kind} cut to {length} bytes: {check.Rejection}");
        }
    }

    [Fact]
    public void A_png_with_a_wrong_crc_is_malformed()
    {
        var png = TestImages.Png();
        png[^1] ^= 0x01; // last byte of the IEND CRC

        var check = ImageSanitiser.Check(png);

        Assert.Equal(ImageRejection.Malformed, check.Rejection);
        Assert.Contains("checksum", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_must_start_with_ihdr()
    {
        var png = TestImages.Concat(TestImages.PngSignature, TestImages.PngChunk("sRGB", [0]), TestImages.PngIhdr(), TestImages.PngIdat(), TestImages.PngChunk("IEND", []));

        Assert.Equal(ImageRejection.Malformed, ImageSanitiser.Check(png).Rejection);
    }

    [Fact]
    public void A_jpeg_without_a_scan_is_malformed()
    {
        var jpeg = TestImages.Concat([0xFF, 0xD8], TestImages.JpegApp0(), [0xFF, 0xD9]);

        Assert.Equal(ImageRejection.Malformed, ImageSanitiser.Check(jpeg).Rejection);
    }

    [Fact]
    public void A_jpeg_with_an_impossible_segment_length_is_malformed()
    {
        var jpeg = TestImages.Jpeg();
        jpeg[4] = 0x00;
        jpeg[5] = 0x01; // APP0 length 1: shorter than the length field itself

        Assert.Equal(ImageRejection.Malformed, ImageSanitiser.Check(jpeg).Rejection);
    }

    [Fact]
    public void A_webp_whose_riff_size_runs_past_the_end_is_malformed()
    {
        var webp = TestImages.WebP();
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), (uint)webp.Length);

        Assert.Equal(ImageRejection.Malformed, ImageSanitiser.Check(webp).Rejection);
    }

    [Fact]
    public void A_file_over_the_limit_is_too_large_before_it_is_parsed()
    {
        // Garbage would be NotAnImage and a truncated JPEG Malformed: TooLarge proves the length is checked first.
        byte[] garbage = [.. Enumerable.Repeat((byte)'x', 101)];
        var truncatedJpeg = TestImages.Jpeg()[..101];

        Assert.Equal(ImageRejection.TooLarge, ImageSanitiser.Check(garbage, maxBytes: 100).Rejection);
        Assert.Equal(ImageRejection.TooLarge, ImageSanitiser.Check(truncatedJpeg, maxBytes: 100).Rejection);
        Assert.True(ImageSanitiser.Check(TestImages.Jpeg(), maxBytes: TestImages.Jpeg().Length).IsAccepted);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    private static SanitisedImage AssertAccepted(ImageCheck check, ImageKind kind, string contentType, string extension)
    {
        Assert.True(check.IsAccepted, check.Reason);
        Assert.Null(check.Rejection);
        Assert.Equal((kind, contentType, extension), (check.Image.Kind, check.Image.ContentType, check.Image.Extension));
        return check.Image;
    }

    private static void AssertNoMetadata(byte[] content)
    {
        var text = Encoding.Latin1.GetString(content);
        Assert.All(MetadataStrings, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
    }
}

/// <summary>Minimal but structurally valid images, built byte by byte, with metadata planted in them.</summary>
internal static class TestImages
{
    public const int XmpFlag = 0x04, ExifFlag = 0x08, IccFlag = 0x20;

    public static byte[] Of(ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => Jpeg(),
        ImageKind.Png => Png(),
        _ => WebP(),
    };

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    // JPEG

    private static readonly byte[] Soi = [0xFF, 0xD8], Eoi = [0xFF, 0xD9];

    private static byte[] Segment(byte marker, byte[] payload) =>
        Concat([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)], payload);

    public static byte[] JpegApp0() => Segment(0xE0, Concat(Ascii("JFIF\0"), [1, 1, 0, 0, 1, 0, 1, 0, 0]));
    private static byte[] JpegIcc() => Segment(0xE2, Concat(Ascii("ICC_PROFILE\0"), [1, 1], [.. Enumerable.Range(0, 40).Select(i => (byte)i)]));
    private static byte[] JpegExif() => Segment(0xE1, Concat(Ascii("Exif\0\0MM\0*\0\0\0\u0008"), Ascii("GPSLatitude"), [0x88, 0x25, 0, 2, 45, 12, 30]));
    private static byte[] JpegXmp() => Segment(0xE1, Ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLongitude 126.5</x:xmpmeta>"));
    private static byte[] JpegIptc() => Segment(0xED, Ascii("Photoshop 3.0\08BIM secret location"));
    private static byte[] JpegComment() => Segment(0xFE, Ascii("secret location"));
    private static byte[] JpegDqt() => Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
    private static byte[] JpegSof0() => Segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
    private static byte[] JpegDht() => Segment(0xC4, [0, 0, 1, .. new byte[14], 0x00]);
    private static byte[] JpegSos() => Segment(0xDA, [1, 1, 0, 0, 0x3F, 0]);
    // Stuffed FF 00 and a restart marker belong to the scan and must pass through.
    private static readonly byte[] ScanData = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A];

    public static byte[] Jpeg() => Concat(Soi, JpegApp0(), JpegExif(), JpegIcc(), JpegXmp(), JpegComment(), JpegDqt(),
        JpegIptc(), JpegSof0(), JpegDht(), JpegSos(), ScanData, Eoi);

    public static byte[] CleanJpeg() => Concat(Soi, JpegApp0(), JpegIcc(), JpegDqt(), JpegSof0(), JpegDht(), JpegSos(), ScanData, Eoi);

    // PNG

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] PngChunk(string type, byte[] data)
    {
        var typeAndData = Concat(Ascii(type), data);
        var length = new byte[4];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typeAndData));
        return Concat(length, typeAndData, crc);
    }

    public static byte[] PngIhdr() => PngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    private static byte[] PngSrgb() => PngChunk("sRGB", [0]);

    public static byte[] PngIdat()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal))
            zlib.Write([0, 0xC0, 0x30, 0x20]); // filter byte, then one RGB pixel
        return PngChunk("IDAT", compressed.ToArray());
    }

    public static byte[] Png() => Concat(PngSignature, PngIhdr(), PngChunk("tEXt", Ascii("Comment\0secret location")), PngSrgb(),
        PngChunk("eXIf", Ascii("MM\0*\0\0\0\u0008GPSLatitude")), PngChunk("tIME", [0x07, 0xEA, 1, 2, 3, 4, 5]), PngIdat(),
        PngChunk("iTXt", Ascii("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPSLongitude</x:xmpmeta>")),
        PngChunk("zTXt", Concat(Ascii("Comment\0\0"), ZLib(Ascii("secret location")))), PngChunk("IEND", []));

    public static byte[] CleanPng() => Concat(PngSignature, PngIhdr(), PngSrgb(), PngIdat(), PngChunk("IEND", []));

    private static byte[] ZLib(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal))
            zlib.Write(data);
        return compressed.ToArray();
    }

    /// <summary>Walks the chunks independently of the sanitiser, asserting each CRC, and returns their types.</summary>
    public static List<string> PngChunkTypesWithValidCrc(byte[] png)
    {
        var types = new List<string>();
        for (var position = PngSignature.Length; position < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            var typeAndData = png.AsSpan(position + 4, 4 + length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length)), Crc32.Compute(typeAndData));
            types.Add(Encoding.ASCII.GetString(typeAndData[..4]));
            position += 12 + length;
        }
        return types;
    }

    // WebP

    private static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)data.Length);
        return Concat(Ascii(fourCc), size, data, data.Length % 2 == 1 ? [0] : []);
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        var body = Concat(chunks);
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(4 + body.Length));
        return Concat(Ascii("RIFF"), size, Ascii("WEBP"), body);
    }

    private static byte[] Vp8x(int flags) => RiffChunk("VP8X", [(byte)flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    private static byte[] Iccp() => RiffChunk("ICCP", [.. Enumerable.Range(0, 24).Select(i => (byte)(i * 3))]);
    // Odd length, so the pad byte is exercised.
    private static byte[] Vp8() => RiffChunk("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x01, 0x00, 0x01, 0x00, 0x02]);

    public static byte[] WebP() => Riff(Vp8x(IccFlag | ExifFlag | XmpFlag), Iccp(), Vp8(),
        RiffChunk("EXIF", Ascii("MM\0*\0\0\0\u0008GPSLatitude 45.7")), RiffChunk("XMP ", Ascii("<x:xmpmeta>GPSLongitude</x:xmpmeta>")));

    public static byte[] CleanWebP() => Riff(Vp8x(IccFlag), Iccp(), Vp8());
}
