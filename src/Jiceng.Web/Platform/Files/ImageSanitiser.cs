using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Jiceng.Web.Platform.Files;

public enum ImageKind { Jpeg, Png, WebP }

/// <summary>An accepted image with its metadata removed, ready to store.</summary>
public sealed record SanitisedImage(byte[] Content, ImageKind Kind, string ContentType, string Extension);

public enum ImageRejection { Empty, TooLarge, NotAnImage, Malformed }

/// <summary>The outcome of <see cref="ImageSanitiser.Check"/>: an image, or a rejection with a short English reason.</summary>
public sealed record ImageCheck(SanitisedImage? Image, ImageRejection? Rejection, string? Reason)
{
    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsAccepted => Image is not null;

    internal static ImageCheck Reject(ImageRejection rejection, string reason) => new(null, rejection, reason);
}

/// <summary>
/// Accepts JPEG, PNG and WebP by their content (never by name or declared type) and strips metadata
/// such as EXIF (with GPS), XMP and text comments. Works on the container only; pixels are not decoded.
/// </summary>
public static class ImageSanitiser
{
    public const int DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Detects the kind from the bytes, rejects anything else, strips metadata, returns the cleaned bytes.</summary>
    public static ImageCheck Check(ReadOnlySpan<byte> data, int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (data.IsEmpty) return ImageCheck.Reject(ImageRejection.Empty, "The file is empty.");
        // Before any parsing, so an oversized upload costs nothing more than its length.
        if (data.Length > maxBytes) return ImageCheck.Reject(ImageRejection.TooLarge, $"The file is larger than {maxBytes} bytes.");

        var kind = Detect(data);
        if (kind is null) return ImageCheck.Reject(ImageRejection.NotAnImage, "The file is not a JPEG, PNG or WebP image.");
        try
        {
            return new ImageCheck(Describe(Clean(kind.Value, data), kind.Value), null, null);
        }
        catch (MalformedImageException e)
        {
            return ImageCheck.Reject(ImageRejection.Malformed, e.Message);
        }
    }

    private static ImageKind? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(JpegCleaner.Signature)) return ImageKind.Jpeg;
        if (data.StartsWith(PngCleaner.Signature)) return ImageKind.Png;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return ImageKind.WebP;
        return null;
    }

    private static byte[] Clean(ImageKind kind, ReadOnlySpan<byte> data) => kind switch
    {
        ImageKind.Jpeg => JpegCleaner.Clean(data),
        ImageKind.Png => PngCleaner.Clean(data),
        _ => WebPCleaner.Clean(data),
    };

    private static SanitisedImage Describe(byte[] content, ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => new(content, kind, "image/jpeg", ".jpg"),
        ImageKind.Png => new(content, kind, "image/png", ".png"),
        _ => new(content, kind, "image/webp", ".webp"),
    };
}

/// <summary>Thrown by the cleaners at the first structural problem; <see cref="ImageSanitiser.Check"/> turns it into a rejection.</summary>
internal sealed class MalformedImageException(string reason) : Exception(reason);

/// <summary>
/// Keeps the segments needed to decode: JFIF APP0, the APP2 ICC profile (colour, not place), the APP14 Adobe
/// block (its colour transform flag is needed to decode CMYK/YCCK), tables, frame and scans. Drops every other
/// APPn (APP1 EXIF/XMP, APP13 Photoshop/IPTC, maker blocks) and COM, also between progressive scans.
/// Bytes after EOI are dropped: phones append whole second JPEGs there, each with its own EXIF.
/// </summary>
internal static class JpegCleaner
{
    public static ReadOnlySpan<byte> Signature => [0xFF, 0xD8];

    private const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, Com = 0xFE, Tem = 0x01;
    private const byte App0 = 0xE0, App2 = 0xE2, App14 = 0xEE, App15 = 0xEF;

    public static byte[] Clean(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(Signature);
        var position = Signature.Length;
        bool framed = false, scanned = false;
        while (true)
        {
            var marker = ReadMarker(data, ref position);
            if (marker == Eoi)
            {
                if (!scanned) throw new MalformedImageException("The JPEG has no image data.");
                output.Write([0xFF, Eoi]);
                return output.ToArray();
            }
            if (IsStandalone(marker))
            {
                output.Write([0xFF, marker]);
                continue;
            }
            if (marker is Soi or 0x00) throw new MalformedImageException("The JPEG has a marker in the wrong place.");

            var payload = ReadSegment(data, ref position);
            framed |= IsFrame(marker);
            if (Keep(marker, payload)) WriteSegment(output, marker, payload);
            if (marker != Sos) continue;
            if (!framed) throw new MalformedImageException("The JPEG has a scan before its frame header.");
            position = CopyEntropyData(data, position, output);
            scanned = true;
        }
    }

    /// <summary>Reads "FF xx" at <paramref name="position"/>, skipping the fill bytes (extra FFs) the format allows.</summary>
    private static byte ReadMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length) throw new MalformedImageException("The JPEG ends without an end-of-image marker.");
        if (data[position] != 0xFF) throw new MalformedImageException("The JPEG has data where a marker should be.");
        while (position < data.Length && data[position] == 0xFF) position++;
        if (position >= data.Length) throw new MalformedImageException("The JPEG ends inside a marker.");
        return data[position++];
    }

    private static ReadOnlySpan<byte> ReadSegment(ReadOnlySpan<byte> data, ref int position)
    {
        if (data.Length - position < 2) throw new MalformedImageException("The JPEG ends inside a segment header.");
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2) throw new MalformedImageException("A JPEG segment has an impossible length.");
        if (length > data.Length - position) throw new MalformedImageException("A JPEG segment runs past the end of the file.");
        var payload = data.Slice(position + 2, length - 2);
        position += length;
        return payload;
    }

    private static void WriteSegment(MemoryStream output, byte marker, ReadOnlySpan<byte> payload)
    {
        var length = payload.Length + 2;
        output.Write([0xFF, marker, (byte)(length >> 8), (byte)length]);
        output.Write(payload);
    }

    /// <summary>Copies scan data up to the next real marker; FF 00 (stuffed byte) and FF D0–D7 (restart) belong to the scan.</summary>
    private static int CopyEntropyData(ReadOnlySpan<byte> data, int start, MemoryStream output)
    {
        var position = start;
        while (true)
        {
            var next = data[position..].IndexOf((byte)0xFF);
            if (next < 0) throw new MalformedImageException("The JPEG ends without an end-of-image marker.");
            position += next;
            if (position + 1 < data.Length && (data[position + 1] == 0x00 || IsRestart(data[position + 1])))
            {
                position += 2;
                continue;
            }
            output.Write(data[start..position]);
            return position;
        }
    }

    private static bool Keep(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App0 => payload.StartsWith("JFIF\0"u8),
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        App14 => payload.StartsWith("Adobe"u8),
        >= App0 and <= App15 => false,
        Com => false,
        _ => true,
    };

    private static bool IsRestart(byte marker) => marker is >= 0xD0 and <= 0xD7;
    private static bool IsStandalone(byte marker) => IsRestart(marker) || marker == Tem;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static bool IsFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}

/// <summary>
/// Drops eXIf, tEXt, zTXt, iTXt (which also carries XMP) and tIME; keeps every other chunk in order.
/// Requires IHDR first, an IDAT and IEND; verifies every CRC. Bytes after IEND are dropped.
/// </summary>
internal static class PngCleaner
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] Metadata = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    public static byte[] Clean(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(Signature);
        var position = Signature.Length;
        var hasImageData = false;
        while (true)
        {
            var chunk = ReadChunk(data, position);
            var type = System.Text.Encoding.ASCII.GetString(chunk.Slice(4, 4));
            if (position == Signature.Length && (type != "IHDR" || chunk.Length != 12 + 13))
                throw new MalformedImageException("The PNG does not start with a valid IHDR chunk.");
            hasImageData |= type == "IDAT";
            if (!Metadata.Contains(type)) output.Write(chunk);
            position += chunk.Length;
            if (type != "IEND") continue;
            if (!hasImageData) throw new MalformedImageException("The PNG has no image data.");
            return output.ToArray();
        }
    }

    /// <summary>Returns the whole chunk (length, type, data, CRC) at <paramref name="position"/> after checking it.</summary>
    private static ReadOnlySpan<byte> ReadChunk(ReadOnlySpan<byte> data, int position)
    {
        var available = data.Length - position;
        if (available < 12) throw new MalformedImageException("The PNG ends without an IEND chunk.");
        var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
        if (length > (uint)(available - 12)) throw new MalformedImageException("A PNG chunk runs past the end of the file.");
        var chunk = data.Slice(position, 12 + (int)length);
        if (!IsLetters(chunk.Slice(4, 4))) throw new MalformedImageException("A PNG chunk has an invalid type.");
        var stored = BinaryPrimitives.ReadUInt32BigEndian(chunk[^4..]);
        if (Crc32.Compute(chunk[4..^4]) != stored) throw new MalformedImageException("A PNG chunk has a wrong checksum.");
        return chunk;
    }

    private static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))) return false;
        return true;
    }
}

/// <summary>
/// Drops the "EXIF" and "XMP " chunks, clears their flags in VP8X and rewrites the RIFF size; keeps every
/// other chunk (image data, ICCP colour profile, animation) in order. Bytes after the RIFF payload are dropped.
/// </summary>
internal static class WebPCleaner
{
    private const int HeaderLength = 12;
    private const byte ExifFlag = 0x08, XmpFlag = 0x04;

    public static byte[] Clean(ReadOnlySpan<byte> data)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 4 || riffSize > (uint)(data.Length - 8)) throw new MalformedImageException("The WebP file does not match its RIFF size.");
        var body = data[..(8 + (int)riffSize)];

        using var output = new MemoryStream(body.Length);
        output.Write(body[..HeaderLength]);
        var position = HeaderLength;
        var hasImageData = false;
        while (position < body.Length)
        {
            var chunk = ReadChunk(body, position);
            var fourCc = System.Text.Encoding.ASCII.GetString(chunk[..4]);
            if (position == HeaderLength && fourCc is not ("VP8 " or "VP8L" or "VP8X"))
                throw new MalformedImageException("The WebP file does not start with an image header chunk.");
            hasImageData |= fourCc is "VP8 " or "VP8L" or "ANMF";
            if (fourCc == "VP8X") WriteVp8x(output, chunk);
            else if (fourCc is not ("EXIF" or "XMP ")) output.Write(chunk);
            position += chunk.Length;
        }
        if (!hasImageData) throw new MalformedImageException("The WebP file has no image data.");
        return WithRiffSize(output.ToArray());
    }

    /// <summary>Returns the whole chunk (FourCC, size, data and the pad byte that keeps chunks at even offsets).</summary>
    private static ReadOnlySpan<byte> ReadChunk(ReadOnlySpan<byte> body, int position)
    {
        var available = body.Length - position;
        if (available < 8) throw new MalformedImageException("A WebP chunk header runs past the end of the file.");
        var size = (long)BinaryPrimitives.ReadUInt32LittleEndian(body[(position + 4)..]);
        var padded = size + (size & 1);
        if (padded > available - 8) throw new MalformedImageException("A WebP chunk runs past the end of the file.");
        return body.Slice(position, 8 + (int)padded);
    }

    private static void WriteVp8x(MemoryStream output, ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 8 + 10) throw new MalformedImageException("The WebP VP8X chunk is too short.");
        var copy = chunk.ToArray();
        copy[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
        output.Write(copy);
    }

    private static byte[] WithRiffSize(byte[] file)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        return file;
    }
}

/// <summary>CRC-32 as PNG uses it (reflected, polynomial EDB88320); System.IO.Hashing is not referenced.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
