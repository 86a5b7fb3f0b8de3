using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jiceng.Web.Platform.Errors;

public static class ProblemResults
{
    /// <summary>Maps an expected failure to RFC 9457 ProblemDetails with its stable code.</summary>
    public static ProblemHttpResult ToProblem(this Error error) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = error.Status,
            Title = error.Message,
            Type = $"https://jiceng.cn/problems/{error.Code}",
            Extensions = { ["code"] = error.Code },
        });

    /// <summary>Every ProblemDetails the app writes carries a <c>code</c>; this fills it in when a framework component wrote one.</summary>
    public static void AddStableCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = ErrorCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
        }
        problem.Extensions.Remove("traceId");
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}
