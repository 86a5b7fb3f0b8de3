using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Jiceng.Web.Platform.Localization;

/// <summary>
/// The UI's texts, one JSON file per language (Texts.zh-CN.json, Texts.en.json) here, plus one pair per module that
/// wants its own (Modules/&lt;Area&gt;/Texts.zh-CN.json …), all embedded and merged; a key defined twice is an error.
/// A test keeps the two sets complete and checks that every key the pages use exists.
/// The language follows the request culture: zh-CN by default, English through the switch (a cookie).
/// </summary>
public sealed class Texts
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Cultures = [Chinese, English];

    private const string ResourcePrefix = "Jiceng.Texts/";
    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> Sets = new(Load);

    public static IReadOnlyDictionary<string, string> For(string culture) => Sets.Value[culture];

    public string this[string key] => Get(CultureInfo.CurrentUICulture, key);

    public string this[string key, params object[] args] => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>
    /// The reader's half of a bilingual message ("中文 / English", the convention of validation messages): the first
    /// "/ " after some Chinese text separates the halves; a message without one is returned whole.
    /// </summary>
    public static string InReadersLanguage(string message)
    {
        for (var split = message.IndexOf("/ ", StringComparison.Ordinal); split > 0; split = message.IndexOf("/ ", split + 2, StringComparison.Ordinal))
        {
            if (message[..split].Any(c => c >= '\u2e80'))
            {
                return IsEnglish ? message[(split + 2)..].Trim() : message[..split].Trim();
            }
        }
        return message;
    }

    public static string Get(CultureInfo culture, string key)
    {
        var set = Sets.Value[culture.TwoLetterISOLanguageName == "en" ? English : Chinese];
        return set.TryGetValue(key, out var text) ? text : key;
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var sets = new Dictionary<string, FrozenDictionary<string, string>>();
        var assembly = typeof(Texts).Assembly;
        foreach (var culture in Cultures)
        {
            var merged = new Dictionary<string, string>();
            var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith($".{culture}.json", StringComparison.Ordinal)).ToList();
            if (files.Count == 0) throw new InvalidOperationException($"Texts for {culture} are not embedded.");
            foreach (var file in files)
            {
                using var stream = assembly.GetManifestResourceStream(file)!;
                foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                {
                    if (!merged.TryAdd(key, text)) throw new InvalidOperationException($"Text key {key} is defined twice ({file}).");
                }
            }
            sets[culture] = merged.ToFrozenDictionary();
        }
        return sets.ToFrozenDictionary();
    }
}
