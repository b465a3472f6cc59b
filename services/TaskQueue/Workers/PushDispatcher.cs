using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Delivers tasks to registered push workers by Dapr service invocation: per registration, up to max_concurrency
/// deliveries in flight on this instance (every instance does the same, so instances share the work). While a delivery
/// runs the lease is heartbeated on the worker's behalf; a cancellation seen in the heartbeat aborts the call.
/// </summary>
public sealed partial class PushDispatcher(
    TaskDispatcher dispatcher, TaskActors actors, PushInvoker invoker, TaskQueueOptions options, TimeProvider time, ILogger<PushDispatcher> logger) : BackgroundService
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(500);

    /// <summary>How a push worker app appears among workers (and in its tasks' worker_id).</summary>
    public static string WorkerId(string appId) => $"push:{appId}";

    private readonly Dictionary<string, (PushRegistration Registration, CancellationTokenSource Stop, Task[] Loops)> _running = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PushRegistryRefresh, time);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            foreach (var app in _running.Keys.ToList())
            {
                await StopAsync(app);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<PushRegistration> registrations;
        try
        {
            registrations = await actors.Registry().InvokeMethodAsync<IReadOnlyList<PushRegistration>>(nameof(IRegistryActor.PushRegistrations), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRegistryUnavailable(ex.Message);
            return;
        }
        var wanted = registrations.ToDictionary(registration => registration.AppId, StringComparer.Ordinal);
        foreach (var (app, running) in _running.ToList())
        {
            if (!wanted.TryGetValue(app, out var registration) || !registration.SameAs(running.Registration))
            {
                await StopAsync(app);
            }
        }
        foreach (var registration in wanted.Values.Where(registration => !_running.ContainsKey(registration.AppId)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var loops = Enumerable.Range(0, registration.MaxConcurrency).Select(_ => DeliverLoopAsync(registration, stop.Token)).ToArray();
            _running[registration.AppId] = (registration, stop, loops);
        }
    }

    private async Task StopAsync(string app)
    {
        var (_, stop, loops) = _running[app];
        _running.Remove(app);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        stop.Dispose();
    }

    private async Task DeliverLoopAsync(PushRegistration registration, CancellationToken stop)
    {
        var workerId = WorkerId(registration.AppId);
        var idle = TimeSpan.FromMilliseconds(10);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var grant = (await dispatcher.LeaseAsync(workerId, "push", registration.TaskTypes, options.DefaultLeaseSeconds, max: 1, stop)).FirstOrDefault();
                if (grant is null)
                {
                    await Task.Delay(idle, time, stop);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxIdleWait.Ticks));
                    continue;
                }
                idle = TimeSpan.FromMilliseconds(10);
                await DeliverAsync(registration, grant, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogDeliveryLoopFailed(registration.AppId, ex.Message);
                await Task.Delay(MaxIdleWait, time, CancellationToken.None);
            }
        }
    }

    private async Task DeliverAsync(PushRegistration registration, LeaseGrant grant, CancellationToken stop)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeats = HeartbeatWhileRunningAsync(grant, call);
        LeaseReport report;
        try
        {
            using var content = JsonContent.Create(LeasedTask.From(grant), options: Json);
            using var response = await invoker.PostAsync(registration.AppId, registration.Method, content, call.Token);
            var outcome = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PushOutcome>(Json, call.Token) : null;
            report = outcome is { Succeeded: true }
                ? new LeaseReport(grant.FencingToken, 0, outcome.Result?.GetRawText(), null)
                : new LeaseReport(grant.FencingToken, 0, null, outcome?.Error ?? $"push worker {registration.AppId} answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (call.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            report = new LeaseReport(grant.FencingToken, 0, null, "cancelled");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            report = new LeaseReport(grant.FencingToken, 0, null, $"push delivery to {registration.AppId} failed: {ex.Message}");
        }
        await call.CancelAsync();
        await heartbeats;
        await dispatcher.ReportAsync(report.Error is null ? ReportKind.Complete : ReportKind.Fail, grant.TaskId, report, stop);
    }

    /// <summary>Keeps the lease alive at a third of its length; cancels the call when the task's cancellation is requested.</summary>
    private async Task HeartbeatWhileRunningAsync(LeaseGrant grant, CancellationTokenSource call)
    {
        var interval = TimeSpan.FromSeconds(options.DefaultLeaseSeconds / 3.0);
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, call.Token);
                var reply = await dispatcher.ReportAsync(ReportKind.Heartbeat, grant.TaskId, new LeaseReport(grant.FencingToken, options.DefaultLeaseSeconds, null, null), call.Token);
                if (reply is null || reply.CancelRequested || reply.Check != LeaseCheck.Current)
                {
                    await call.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not read push registrations: {Reason}")]
    private partial void LogRegistryUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "push delivery loop for {AppId} failed: {Reason}")]
    private partial void LogDeliveryLoopFailed(string appId, string reason);
}
