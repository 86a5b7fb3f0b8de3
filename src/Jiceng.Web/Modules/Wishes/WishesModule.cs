using Jiceng.Web.Modules.Wishes.Features;
using Jiceng.Web.Platform.Auth;

namespace Jiceng.Web.Modules.Wishes;

public static class WishesModule
{
    public static IServiceCollection AddWishesModule(this IServiceCollection services)
    {
        services.AddOptions<WishOptions>().BindConfiguration(WishOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<WishBoard>();
        services.AddScoped<WishPhotos>();
        services.AddScoped<WishStats>();
        // Registered always; it returns at once when Wishes:ClaimExpiryEnabled is false (tests drive CheckAsync themselves).
        services.AddSingleton<WishClaimExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<WishClaimExpiry>());
        services.AddAuthorizationBuilder()
            .AddPolicy(WishRoles.ReviewerPolicy, p => p.RequireRole(WishRoles.Reviewers))
            .AddPolicy(WishRoles.ClaimantPolicy, p => p.RequireRole(WishRoles.Claimants))
            .AddPolicy(WishRoles.PosterPolicy, p => p.RequireRole(WishRoles.Posters));
        return services;
    }

    public static IEndpointRouteBuilder MapWishesApi(this IEndpointRouteBuilder app)
    {
        var wishes = app.MapGroup("/api/v1/wishes").WithTags("Wishes").RequireAuthorization(WishRoles.PosterPolicy);

        wishes.MapGet("/", WishApi.WallAsync).AllowAnonymous().WithName("ListWishWall")
            .WithSummary("心愿墙: a community's approved wishes (?division=), no personal data beyond a masked name; optional status filter");
        wishes.MapPost("/", WishApi.PostAsync).WithName("PostWish")
            .WithSummary("Post a micro-wish for a community (a resident their own; staff on someone's behalf); it waits for review");
        wishes.MapPost("/photos", WishPhotos.UploadAsync).DisableAntiforgery().WithName("UploadWishPhoto")
            .WithSummary("A photo for a wish or its fulfilment (multipart 'file'); the key goes into photoKey");
        wishes.MapGet("/manage", WishApi.ManageAsync).WithName("ListWishes")
            .WithSummary("Wishes the caller may see (staff: their subtree; others: what they posted or claimed; ?mine=posted|claimed), phone masked");
        wishes.MapGet("/stats", WishApi.StatsAsync).WithName("GetWishFigures")
            .WithSummary("Posted, on wall, claimed, fulfilled (点亮), confirmed and value, per community, claimant, unit and month, from the records in scope");
        wishes.MapGet("/{id:guid}", WishApi.GetAsync).WithName("GetWish").WithSummary("A wish the caller may see (staff in scope, the wisher, the claimant)");
        wishes.MapGet("/{id:guid}/photo", (Guid id, WishBoard board, WishPhotos photos, HttpContext http, CancellationToken ct) =>
                photos.PublicAsync(id, false, board, http, ct)).AllowAnonymous().WithName("GetWishPhoto").WithSummary("The photo of a wish on the wall");
        wishes.MapGet("/{id:guid}/evidence-photo", (Guid id, WishBoard board, WishPhotos photos, HttpContext http, CancellationToken ct) =>
                photos.PublicAsync(id, true, board, http, ct)).AllowAnonymous().WithName("GetWishEvidencePhoto").WithSummary("The fulfilment photo of a fulfilled wish on the wall");
        wishes.MapPost("/{id:guid}/approve", WishApi.ApproveAsync).RequireAuthorization(WishRoles.ReviewerPolicy).WithName("ApproveWish")
            .WithSummary("Review: the wish goes on its community's wall");
        wishes.MapPost("/{id:guid}/reject", WishApi.RejectAsync).RequireAuthorization(WishRoles.ReviewerPolicy).WithName("RejectWish")
            .WithSummary("Review: the wish is not published; the reason is told to the wisher");
        wishes.MapPost("/{id:guid}/claim", WishApi.ClaimAsync).RequireAuthorization(WishRoles.ClaimantPolicy).WithName("ClaimWish")
            .WithSummary("认领: exactly one claimant wins (409 conflict for the others); an expired claim counts as free");
        wishes.MapPost("/{id:guid}/release", WishApi.ReleaseAsync).WithName("ReleaseWish").WithSummary("The claimant gives the wish back to the wall before the deadline");
        wishes.MapPost("/{id:guid}/fulfil", WishApi.FulfilAsync).WithName("FulfilWish").WithSummary("点亮: the claimant reports fulfilment with a note, value and photo");
        wishes.MapPost("/{id:guid}/confirm", WishApi.ConfirmAsync).WithName("ConfirmWish")
            .WithSummary("The wisher (or staff in scope) confirms fulfilment, optionally with a public thanks note");
        return app;
    }
}
