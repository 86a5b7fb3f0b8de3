using Jiceng.Web.Data;
using Jiceng.Web.Modules.Audit;
using Jiceng.Web.Platform.Auth;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Scope;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Notifications;

public sealed record NotificationDto(long Id, DateTime CreatedUtc, string Title, string Body, string? Link, bool Read);

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CaseNotifier>();
        services.AddScoped<JobLeases>();
        services.AddSingleton<INotificationSender>(sp => new LoggingSender(OutboxChannel.Sms, sp.GetRequiredService<ILogger<LoggingSender>>()));
        services.AddSingleton<INotificationSender>(sp => new LoggingSender(OutboxChannel.WeChat, sp.GetRequiredService<ILogger<LoggingSender>>()));
        services.AddSingleton<OutboxDispatcher>();
        if (configuration.GetValue("Notifications:DispatcherEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Policies.AnyAccount);
        group.MapGet("/", ListAsync).WithName("ListMyNotifications");
        group.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead");
        return group;
    }

    public static async Task<Ok<PagedList<NotificationDto>>> ListAsync(AppDbContext db, CurrentUser user, CancellationToken ct, bool unreadOnly = false, int page = 1, int pageSize = 50)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var mine = db.Set<Notification>().Where(n => n.UserId == user.UserId);
        if (unreadOnly) mine = mine.Where(n => n.ReadUtc == null);
        var total = await mine.CountAsync(ct);
        var items = await mine.OrderByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new NotificationDto(n.Id, n.CreatedUtc, n.Title, n.Body, n.Link, n.ReadUtc != null)).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<NotificationDto>(items, page, pageSize, total));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(long id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<Notification>().Where(n => n.Id == id && n.UserId == user.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, n => n.ReadUtc ?? now), ct);
        return changed == 1 ? TypedResults.NoContent() : Error.NotFound("Notification").ToProblem();
    }
}
