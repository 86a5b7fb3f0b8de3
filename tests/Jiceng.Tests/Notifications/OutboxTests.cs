using System.Net.Http.Json;
using System.Text.Json;
using Jiceng.Tests.Cases;
using Jiceng.Tests.Infrastructure;
using Jiceng.Web.Data;
using Jiceng.Web.Modules.Notifications;
using Jiceng.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jiceng.Tests.Notifications;

/// <summary>An SMS gateway that is down for the first <see cref="FailuresLeft"/> attempts.</summary>
public sealed class FlakySmsSender : INotificationSender
{
    private int _delivered;
    public int FailuresLeft { get; set; }
    public int Delivered => _delivered;
    public List<long> DeliveredIds { get; } = [];
    public OutboxChannel Channel => OutboxChannel.Sms;

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("gateway unavailable");
        }
        Interlocked.Increment(ref _delivered);
        lock (DeliveredIds) DeliveredIds.Add(message.Id);
        return Task.CompletedTask;
    }
}

public sealed class OutboxTests : IAsyncLifetime
{
    private readonly FlakySmsSender _sms = new();
    private readonly JicengAppFactory _app;
    private readonly CaseApi _api;

    public OutboxTests()
    {
        _app = new JicengAppFactory
        {
            // The test drives the dispatcher itself, so the background loop stays off.
            Settings = new Dictionary<string, string> { ["Notifications:DispatcherEnabled"] = "false" },
            TestServices = services => services.AddSingleton<INotificationSender>(_sms),
        };
        _api = new CaseApi(_app);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<List<OutboxMessage>> OutboxAsync() =>
        _app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    private OutboxDispatcher Dispatcher => _app.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task Staff_and_the_reporter_are_told_what_concerns_them()
    {
        await _app.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var handler = (await users.FindByNameAsync("demo-dept"))!;
            await users.SetPhoneNumberAsync(handler, "13900000001");
        });
        var created = await _api.CreateAsync(phone: "13800000002");
        var id = created.GetProperty("id").GetInt64();

        await _api.DoAsync("demo-community-a", id, "accept");
        await _api.DoAsync("demo-street", id, "dispatch", new { leadDepartmentId = await _api.DepartmentAsync("ZJJ") });

        var communityInbox = await (await (await _api.As("demo-community-a")).GetAsync("/api/v1/notifications")).ReadOkAsync<JsonElement>();
        var departmentInbox = await (await (await _api.As("demo-dept")).GetAsync("/api/v1/notifications?unreadOnly=true")).ReadOkAsync<JsonElement>();
        var streetInbox = await (await (await _api.As("demo-street")).GetAsync("/api/v1/notifications")).ReadOkAsync<JsonElement>();
        Assert.Contains(communityInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString() == "新诉求待受理");
        var dispatched = Assert.Single(departmentInbox.GetProperty("items").EnumerateArray());
        Assert.Equal($"/cases/{id}", dispatched.GetProperty("link").GetString());
        Assert.Empty(streetInbox.GetProperty("items").EnumerateArray());
        var outbox = await OutboxAsync();
        Assert.Contains(outbox, m => m.Recipient == "13800000002" && m.Body.Contains(created.GetProperty("trackingCode").GetString()!, StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.Recipient == "13900000001" && m.Body.Contains("新派单", StringComparison.Ordinal));

        var noticeId = dispatched.GetProperty("id").GetInt64();
        (await (await _api.As("demo-dept")).PostAsync($"/api/v1/notifications/{noticeId}/read", null)).EnsureSuccessStatusCode();
        var after = await (await (await _api.As("demo-dept")).GetAsync("/api/v1/notifications?unreadOnly=true")).ReadOkAsync<JsonElement>();
        Assert.Empty(after.GetProperty("items").EnumerateArray());
        // Someone else's notice cannot be touched.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await (await _api.As("demo-community-a")).PostAsync($"/api/v1/notifications/{noticeId}/read", null)).StatusCode);
    }

    [Fact]
    public async Task A_failing_gateway_loses_nothing_and_delivery_resumes_with_back_off()
    {
        var created = await _api.CreateAsync(phone: "13800000003");
        await _api.DoAsync("demo-community-a", created.GetProperty("id").GetInt64(), "accept");
        _sms.FailuresLeft = 2;

        Assert.Equal(0, await Dispatcher.ProcessDueAsync(100, default));
        var afterFirst = Assert.Single(await OutboxAsync());
        Assert.Equal((1, null as DateTime?), (afterFirst.Attempts, afterFirst.SentUtc));
        Assert.Contains("gateway unavailable", afterFirst.LastError, StringComparison.Ordinal);

        Assert.Equal(0, await Dispatcher.ProcessDueAsync(100, default)); // not due yet: back-off
        Assert.Equal(1, Assert.Single(await OutboxAsync()).Attempts);

        _app.Clock.Advance(OutboxDispatcher.Backoff(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher.ProcessDueAsync(100, default)); // second failure
        _app.Clock.Advance(OutboxDispatcher.Backoff(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Dispatcher.ProcessDueAsync(100, default)); // the gateway is back
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Dispatcher.ProcessDueAsync(100, default)); // never twice

        var message = Assert.Single(await OutboxAsync());
        Assert.Equal(3, message.Attempts);
        Assert.NotNull(message.SentUtc);
        Assert.Equal(1, _sms.Delivered);
    }

    [Fact]
    public async Task Two_nodes_sharing_the_database_deliver_each_message_once()
    {
        for (var i = 0; i < 5; i++)
        {
            var created = await _api.CreateAsync(phone: $"1380000001{i}");
            await _api.DoAsync("demo-community-a", created.GetProperty("id").GetInt64(), "accept");
        }
        var scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();
        var nodeA = new OutboxDispatcher(scopes, _app.Clock, NullLogger<OutboxDispatcher>.Instance) { Owner = "node-a" };
        var nodeB = new OutboxDispatcher(scopes, _app.Clock, NullLogger<OutboxDispatcher>.Instance) { Owner = "node-b" };

        var counts = await Task.WhenAll(nodeA.ProcessDueAsync(100, default), nodeB.ProcessDueAsync(100, default));

        Assert.Equal(5, counts.Sum());
        Assert.Contains(0, counts); // the lease let only one node work
        Assert.Equal(5, _sms.DeliveredIds.Distinct().Count());
        Assert.Equal(5, _sms.Delivered);
        nodeA.Dispose();
        nodeB.Dispose();
    }
}
