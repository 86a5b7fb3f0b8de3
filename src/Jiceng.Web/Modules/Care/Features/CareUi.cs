using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Localization;

namespace Jiceng.Web.Modules.Care.Features;

/// <summary>Small helpers shared by the care console's pages and dialogs.</summary>
public static class CareUi
{
    /// <summary>A refusal in the reader's language: "not found" has no Chinese of its own; the others are "中文 / English".</summary>
    public static string ErrorText(Texts t, Error error) => error.Code switch
    {
        ErrorCodes.NotFound => t["care.error.not_found"],
        ErrorCodes.Forbidden => t["care.error.forbidden"],
        _ => Texts.InReadersLanguage(error.Message),
    };

    /// <summary>A China calendar day as the date pickers hold it (a DateTime at midnight, no zone).</summary>
    public static DateTime PickerDate(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);
}
