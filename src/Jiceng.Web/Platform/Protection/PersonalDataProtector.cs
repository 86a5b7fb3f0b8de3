using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Jiceng.Web.Platform.Protection;

public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";
    /// <summary>
    /// The key ring file, outside the database: {"current":"k1","keys":{"k1":"base64 of 32 bytes"},"indexKey":"base64"}.
    /// Relative paths are under the content root. Created with one fresh key when missing. Back it up apart from the
    /// database: without it the sealed fields cannot be read.
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
    private readonly byte[] _indexKey;

    /// <param name="indexKey">The key of the keyed hashes (<see cref="Hash"/>); it does not rotate with the sealing keys, because
    /// rotating it means recomputing every stored hash. Derived from the first sealing key when not given.</param>
    public PersonalDataProtector(IReadOnlyDictionary<string, byte[]> keys, string current, byte[]? indexKey = null)
    {
        if (!keys.ContainsKey(current)) throw new ArgumentException("The current key is not in the ring.", nameof(current));
        if (keys.Values.Any(k => k.Length != 32)) throw new ArgumentException("Keys are 32 bytes (AES-256).", nameof(keys));
        _keys = keys.ToDictionary(k => k.Key, k => k.Value);
        _current = current;
        _indexKey = indexKey ?? HKDF.DeriveKey(HashAlgorithmName.SHA256, keys[current], 32, info: "jiceng-index"u8.ToArray());
    }

    public string CurrentKeyId => _current;

    public static PersonalDataProtector FromKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var ring = new KeyRingFile
            {
                Current = "k1",
                Keys = new() { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
                IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
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
        return new PersonalDataProtector(file.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), file.Current,
            file.IndexKey is null ? null : Convert.FromBase64String(file.IndexKey));
    }

    /// <summary>
    /// Adds a fresh key to the ring file and makes it current (key rotation). Values sealed before stay readable with
    /// their old key; <c>reseal-personal-data</c> re-encrypts them with the new one.
    /// </summary>
    public static string AddKey(string path)
    {
        var file = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"Key ring {path} is empty.");
        var next = 1;
        while (file.Keys.ContainsKey("k" + next)) next++;
        var id = "k" + next;
        // Keep the derived index key stable: write it down before the current key changes.
        file.IndexKey ??= Convert.ToBase64String(HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(file.Keys[file.Current]), 32, info: "jiceng-index"u8.ToArray()));
        file.Keys[id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        file.Current = id;
        var temporary = path + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return id;
    }

    /// <summary>The id of the key a stored value was sealed with (null when it is not a sealed value).</summary>
    public static string? KeyIdOf(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.IndexOf(':', Prefix.Length) is > 0 and var end ? stored[Prefix.Length..end] : null;

    /// <summary>
    /// A keyed hash (HMAC-SHA256, base64) of a normalised value, stored beside a sealed field where exact search is needed
    /// (find a resident by ID number or phone). Without the key it cannot be reversed by trying every possible number.
    /// </summary>
    public string Hash(string normalised) => Convert.ToBase64String(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(normalised)));

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
        public string? IndexKey { get; set; }
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

    /// <summary>230725199001011234 → 230725********1234: the first 6 and the last 4 characters (PRODUCT.md).</summary>
    public static string? IdNumber(string? id) => string.IsNullOrEmpty(id) ? id
        : id.Length > 10 ? id[..6] + new string('*', id.Length - 10) + id[^4..]
        : new string('*', id.Length);

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
