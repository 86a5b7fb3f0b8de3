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
}
