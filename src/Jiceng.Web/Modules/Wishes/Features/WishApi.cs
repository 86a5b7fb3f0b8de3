using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiceng.Web.Modules.Wishes.Features;

/// <summary>The wish API's handlers: each reads the request, calls the use case and maps the result.</summary>
public static class WishApi
{
    private static Results<Ok<T>, ProblemHttpResult> OkOr<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();

    public static async Task<Results<Created<WishDto>, ProblemHttpResult>> PostAsync(PostWishRequest request, WishBoard board, CancellationToken ct)
    {
        var result = await board.PostAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/wishes/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PagedList<WallWish>>, ProblemHttpResult>> WallAsync(WishBoard board, CancellationToken ct,
        string? division = null, string? status = null, int page = 1, int pageSize = 50) =>
        OkOr(await board.WallAsync(division, status, page, pageSize, ct));

    public static async Task<Results<Ok<PagedList<WishDto>>, ProblemHttpResult>> ManageAsync(WishBoard board, CancellationToken ct,
        string? status = null, string? division = null, string? mine = null, int page = 1, int pageSize = 50) =>
        OkOr(await board.ManageAsync(status, division, mine, page, pageSize, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> GetAsync(Guid id, WishBoard board, CancellationToken ct) => OkOr(await board.GetAsync(id, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> ApproveAsync(Guid id, ApproveWishRequest? request, WishBoard board, CancellationToken ct) =>
        OkOr(await board.ApproveAsync(id, request, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> RejectAsync(Guid id, RejectWishRequest? request, WishBoard board, CancellationToken ct) =>
        OkOr(await board.RejectAsync(id, request, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> ClaimAsync(Guid id, WishBoard board, CancellationToken ct) => OkOr(await board.ClaimAsync(id, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> ReleaseAsync(Guid id, WishBoard board, CancellationToken ct) => OkOr(await board.ReleaseAsync(id, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> FulfilAsync(Guid id, FulfilWishRequest request, WishBoard board, CancellationToken ct) =>
        OkOr(await board.FulfilAsync(id, request, ct));

    public static async Task<Results<Ok<WishDto>, ProblemHttpResult>> ConfirmAsync(Guid id, ConfirmWishRequest? request, WishBoard board, CancellationToken ct) =>
        OkOr(await board.ConfirmAsync(id, request, ct));

    public static async Task<Results<Ok<WishStatsDto>, ProblemHttpResult>> StatsAsync(WishStats stats, CancellationToken ct,
        string? division = null, DateOnly? from = null, DateOnly? to = null) =>
        OkOr(await stats.ComputeAsync(division, from, to, ct));
}
