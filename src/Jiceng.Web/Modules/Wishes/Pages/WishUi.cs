using Jiceng.Web.Modules.Wishes.Domain;

namespace Jiceng.Web.Modules.Wishes.Pages;

/// <summary>Text keys shared by the wish pages.</summary>
public static class WishUi
{
    public static string StatusKey(WishStatus status) => "wishes.status." + status switch
    {
        WishStatus.PendingReview => "pending_review",
        WishStatus.Rejected => "rejected",
        WishStatus.OnWall => "on_wall",
        WishStatus.Claimed => "claimed",
        WishStatus.Fulfilled => "fulfilled",
        WishStatus.Confirmed => "confirmed",
        _ => "withdrawn",
    };

    public static string CategoryKey(string code) => "wishes.category." + code;
}
