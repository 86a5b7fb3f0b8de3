using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Jiceng.Web.Platform.Protection;

public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";
    /// <summary>
    /// The key ring file, outside the database: {"current":"k1","keys":{"k1":"base64 of 32 bytes"}}. Relative paths
    /// are under the content root. Created with one fresh key when missing. Back it up apart from the database.
    /// </summary>
    public string KeyFile { get; set; } = "App_Data/keys/personal-data.json";
}

/// <summary>
/// Encrypts personal data (phones, names, addresses …) field by field with AES-256-GCM. Each value carries the
/// id of the key that sealed it ("pd1:k1:…"), so a new current key can be added to the ring and old values still
/// open (rotation re-encrypts them at leisure). The keys never enter the database.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Prefix = "pd1:";
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _current;

    public PersonalDataProtector(IReadOnlyDictionary<string, byte[]> keys, string current)
    {
        if (!keys.ContainsKey(current)) throw new ArgumentException("The current key is not in the ring.", nameof(current));
        if (keys.Values.Any(k => k.Length != 32)) throw new ArgumentException("Keys are 32 bytes (AES-256).", nameof(keys));
        _keys = keys.ToDictionary(k => k.Key, k => k.Value);
        _current = current;
    }

    public string CurrentKeyId => _current;

    public static PersonalDataProtector FromKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var ring = new KeyRingFile { Current = "k1", Keys = new() { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } };
            try
            {
                using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                JsonSerializer.Serialize(created, ring);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }
        var file = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"Key ring {path} is empty.");
        return new PersonalDataProtector(file.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), file.Current);
    }

    public string Protect(string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + data.Length + 16];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_current], 16);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(12, data.Length), sealedBytes.AsSpan(12 + data.Length), Encoding.ASCII.GetBytes(_current));
        return $"{Prefix}{_current}:{Convert.ToBase64String(sealedBytes)}";
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("Not a protected value.");
        var parts = stored[Prefix.Length..].Split(':', 2);
        if (parts.Length != 2 || !_keys.TryGetValue(parts[0], out var key)) throw new CryptographicException("Unknown key id.");
        var sealedBytes = Convert.FromBase64String(parts[1]);
        var data = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, data.Length), sealedBytes.AsSpan(12 + data.Length), data, Encoding.ASCII.GetBytes(parts[0]));
        return Encoding.UTF8.GetString(data);
    }

    private sealed class KeyRingFile
    {
        public string Current { get; set; } = "";
        public Dictionary<string, string> Keys { get; set; } = [];
    }
}

/// <summary>Masks for screens, API answers and exports (PRODUCT.md "Data protection").</summary>
public static class Mask
{
    /// <summary>13812341234 → 138****1234; short or odd values keep only their last two characters.</summary>
    public static string? Phone(string? phone) => phone switch
    {
        null or "" => phone,
        { Length: >= 7 } => phone[..3] + new string('*', phone.Length - 7) + phone[^4..],
        _ => new string('*', phone.Length - Math.Min(2, phone.Length)) + phone[^Math.Min(2, phone.Length)..],
    };

    /// <summary>张三丰 → 张**: the family name only.</summary>
    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>Addresses are shown only to the street/road level: everything after the first digit is hidden.</summary>
    public static string? Address(string? address)
    {
        if (string.IsNullOrEmpty(address)) return address;
        var firstDigit = address.IndexOfAny("0123456789０１２３４５６７８９".ToCharArray());
        return firstDigit < 0 ? address : address[..firstDigit] + "****";
    }
}
