using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Domain;
using Jiceng.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Notifications;

/// <summary>
/// Tells the people a case change concerns: staff in-app (and by SMS when their account has a phone), the reporter
/// in-app when they have an account and by SMS when they left a phone. Adds rows to the caller's unit of work, so
/// the messages commit or roll back with the change itself.
/// </summary>
public sealed class CaseNotifier(AppDbContext db, TimeProvider time)
{
    private readonly Dictionary<string, List<Guid>> _divisionStaff = [];

    public async Task PlanAsync(Case @case, string action, CancellationToken cancellationToken = default)
    {
        var link = $"/cases/{@case.Id}";
        switch (action)
        {
            case CaseActions.Submit:
                // The intake writer plans a whole batch in one scope: a community's staff are read once per batch.
                if (!_divisionStaff.TryGetValue(@case.DivisionCode, out var staff))
                {
                    staff = await db.Users.Where(u => u.DivisionCode == @case.DivisionCode && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken);
                    _divisionStaff[@case.DivisionCode] = staff;
                }
                var now = time.GetUtcNow().UtcDateTime;
                foreach (var userId in staff)
                    db.Add(new Notification { UserId = userId, CreatedUtc = now, Title = "新诉求待受理", Body = Summary(@case), Link = link });
                break;
            case CaseActions.Accept or CaseActions.Reject or CaseActions.Feedback:
                Reporter(@case, action switch
                {
                    CaseActions.Accept => $"您反映的问题已受理。查询码 {@case.TrackingCode}。",
                    CaseActions.Reject => $"您反映的问题不予受理，原因请凭查询码 {@case.TrackingCode} 查看。",
                    _ => $"您反映的问题已办理，请凭查询码 {@case.TrackingCode} 评价。",
                });
                break;
            case CaseActions.Dispatch or CaseActions.Reopen when @case.LeadDepartmentId is { } department:
                await StaffAsync(u => u.DepartmentId == department, action == CaseActions.Reopen ? "诉求重办，请签收" : "新派单，请签收",
                    Summary(@case), link, sms: true, cancellationToken);
                break;
            case CaseActions.Resolve:
                await StaffAsync(u => u.DivisionCode == @case.DivisionCode, "办结申请待核查", Summary(@case), link, sms: false, cancellationToken);
                break;
            case CaseActions.Return or CaseActions.Escalate:
                var township = @case.DivisionCode[..9];
                await StaffAsync(u => u.DivisionCode == township, action == CaseActions.Return ? "部门退单，请重新派单" : "社区吹哨，请派单",
                    Summary(@case), link, sms: false, cancellationToken);
                break;
        }
    }

    /// <summary>Tells whoever is handling the case: the lead department's accounts, or the community's for local handling.</summary>
    public Task TellHandlersAsync(Case @case, string title, CancellationToken cancellationToken = default) =>
        @case.LeadDepartmentId is { } department
            ? StaffAsync(u => u.DepartmentId == department, title, Summary(@case), $"/cases/{@case.Id}", sms: false, cancellationToken)
            : StaffAsync(u => u.DivisionCode == @case.DivisionCode, title, Summary(@case), $"/cases/{@case.Id}", sms: false, cancellationToken);

    private static string Summary(Case @case) => $"{@case.Number} {(@case.Description.Length > 60 ? @case.Description[..60] + "…" : @case.Description)}";

    private async Task StaffAsync(System.Linq.Expressions.Expression<Func<AppUser, bool>> who, string title, string body, string link, bool sms, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var users = await db.Users.Where(who).Where(u => !u.IsDisabled).Select(u => new { u.Id, u.PhoneNumber }).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            db.Add(new Notification { UserId = user.Id, CreatedUtc = now, Title = title, Body = body, Link = link });
            if (sms && !string.IsNullOrEmpty(user.PhoneNumber))
            {
                db.Add(new OutboxMessage { Channel = OutboxChannel.Sms, Recipient = user.PhoneNumber, Body = $"【基层治理】{title}：{body}", CreatedUtc = now, NextAttemptUtc = now });
            }
        }
    }

    private void Reporter(Case @case, string body)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (@case.ReporterUserId is { } userId)
        {
            db.Add(new Notification { UserId = userId, CreatedUtc = now, Title = "诉求进展", Body = body, Link = $"/track/{@case.TrackingCode}" });
        }
        if (!string.IsNullOrEmpty(@case.ReporterPhone))
        {
            db.Add(new OutboxMessage { Channel = OutboxChannel.Sms, Recipient = @case.ReporterPhone, Body = "【基层治理】" + body, CreatedUtc = now, NextAttemptUtc = now });
        }
    }
}
