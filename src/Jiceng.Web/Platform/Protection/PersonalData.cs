using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jiceng.Web.Platform.Protection;

/// <summary>
/// The app's protector, for the EF converter that seals personal fields. EF builds its model once per context
/// type, so the converter reaches the protector through here rather than through the context instance.
/// </summary>
public static class PersonalData
{
    private static PersonalDataProtector? _protector;

    public static PersonalDataProtector Protector => _protector ?? throw new InvalidOperationException("Personal data protection is not initialised.");

    public static void Initialise(PersonalDataProtector protector) => _protector = protector;

    /// <summary>Stores a string property encrypted; the database never holds the plain text.</summary>
    public static readonly ValueConverter<string, string> Converter = new(v => Protector.Protect(v), v => Protector.Unprotect(v));

    /// <summary>Configures a string property as sealed personal data (encrypted at rest). Sealed text is about 4/3 of the plain text plus 45 characters.</summary>
    public static PropertyBuilder<T> IsSealed<T>(this PropertyBuilder<T> property, int plainLength)
    {
        if (typeof(T) != typeof(string)) throw new ArgumentException("Only text can be sealed.");
        property.HasMaxLength(plainLength * 2 + 64).HasConversion((ValueConverter)Converter);
        return property;
    }
}
