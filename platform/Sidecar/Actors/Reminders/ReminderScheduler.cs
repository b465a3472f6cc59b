using System.Collections.Concurrent;
using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Placement;
using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Actors.Scheduling;
using AmazonScale.Sidecar.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Actors.Reminders;

/// <summary>
/// Fires durable reminders. Every sidecar keeps the reminders of the types it hosts in memory (loaded from
/// the store, re-read completely when placement membership changes and its index every second), but only
/// the actor's current owner fires one, inside the actor's turn. A failed tick is retried a few times and
/// then skipped; progress is persisted after each tick so a new owner resumes the schedule.
/// </summary>
public sealed partial class ReminderScheduler(
    ReminderStore store,
    ActorInvoker invoker,
    HostedActorTypes hosted,
    ActorPlacement placement,
    AppChannel.SidecarReadiness readiness,
    TimeProvider time,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan IndexRefreshInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly ConcurrentDictionary<(ActorKey Actor, string Name), Entry> _entries = new();

    private sealed class Entry(StoredReminder reminder)
    {
        public int Firing;

        public StoredReminder Reminder { get; private set; } = reminder;

        /// <summary>Parsed once per change rather than on every scheduler tick.</summary>
        public Timing.ActorSchedule Schedule { get; private set; } = reminder.Schedule;

        public void Advance(Timing.ActorSchedule schedule)
        {
            Reminder = Reminder.WithSchedule(schedule);
            Schedule = schedule;
        }
    }

    public async Task RegisterAsync(ActorKey actor, string name, ScheduleRequest registration, CancellationToken cancellationToken)
    {
        RequireHosted(actor.Type);
        var schedule = registration.ToSchedule(time.GetUtcNow()).ExpireIfPastTtl();
        var reminder = StoredReminder.Create(actor, name, registration, schedule);
        await store.SaveAsync(reminder, cancellationToken);
        _entries[(actor, name)] = new Entry(reminder);
    }

    public async Task<StoredReminder?> GetAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        RequireHosted(actor.Type);
        return await store.GetAsync(actor, name, cancellationToken);
    }

    public async Task UnregisterAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        RequireHosted(actor.Type);
        _entries.TryRemove((actor, name), out _);
        await store.DeleteAsync(actor, name, cancellationToken);
    }

    private void RequireHosted(string actorType)
    {
        if (!hosted.Hosts(actorType))
        {
            throw ActorErrors.ReminderNotHosted(actorType).ToException();
        }
        if (!store.IsAvailable)
        {
            throw ActorErrors.RuntimeNotFound().ToException();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            if (!hosted.Names.Any() || !store.IsAvailable)
            {
                return;
            }
            using var timer = new PeriodicTimer(Tick, time);
            string? membership = null;
            var lastIndexRefresh = DateTimeOffset.MinValue;
            do
            {
                var current = placement.MembershipSignature();
                var now = time.GetUtcNow();
                if (current != membership || now - lastIndexRefresh >= IndexRefreshInterval)
                {
                    await RefreshAsync(fullReload: current != membership, stoppingToken);
                    membership = current;
                    lastIndexRefresh = now;
                }
                FireDue(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Re-reads the index of every hosted type: new reminders are added, removed ones dropped. A full
    /// reload also re-reads every document, since another owner may have advanced their schedules.
    /// </summary>
    private async Task RefreshAsync(bool fullReload, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var actorType in hosted.Names)
            {
                var index = await store.ReadIndexAsync(actorType, cancellationToken);
                foreach (var key in _entries.Keys.Where(k => k.Actor.Type == actorType && !index.Contains(new ReminderStore.IndexEntry(k.Actor.Id, k.Name))))
                {
                    _entries.TryRemove(key, out _);
                }
                foreach (var item in index)
                {
                    var key = (new ActorKey(actorType, item.ActorId), item.Name);
                    var known = _entries.TryGetValue(key, out var existing);
                    if ((known && !fullReload) || (existing is not null && Volatile.Read(ref existing.Firing) == 1))
                    {
                        continue;
                    }
                    if (await store.GetAsync(key.Item1, item.Name, cancellationToken) is { } reminder)
                    {
                        _entries[key] = new Entry(reminder);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(ex.Message);
        }
    }

    private void FireDue(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.Schedule.IsDue(now) && placement.IsOwnedHere(key.Actor) && Interlocked.CompareExchange(ref entry.Firing, 1, 0) == 0)
            {
                _ = FireAsync(key, entry, stoppingToken);
            }
        }
    }

    private async Task FireAsync((ActorKey Actor, string Name) key, Entry entry, CancellationToken stoppingToken)
    {
        try
        {
            var reminder = entry.Reminder;
            var body = CallbackBody.Build(null, reminder.DataJson, reminder.DueTime, reminder.Period);
            await DeliverWithRetriesAsync(key.Actor, key.Name, body, stoppingToken);

            var advanced = entry.Schedule.Advance(time.GetUtcNow());
            if (!_entries.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
            {
                return; // Unregistered or replaced while firing.
            }
            if (advanced.IsFinished)
            {
                _entries.TryRemove(new KeyValuePair<(ActorKey, string), Entry>(key, entry));
                await store.DeleteAsync(key.Actor, key.Name, stoppingToken);
            }
            else
            {
                entry.Advance(advanced);
                await store.WriteAsync(entry.Reminder, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPersistFailed(key.Actor.ToString(), key.Name, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref entry.Firing, 0);
        }
    }

    private async Task DeliverWithRetriesAsync(ActorKey actor, string name, string body, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var response = await invoker.InvokeAsync(actor, null, id => ActorAppClient.Callback(actor, "remind", name, body, id), stoppingToken);
                if (!response.Headers.Contains(ActorInvoker.ErrorResponseHeader))
                {
                    return;
                }
                failure = "the callback threw";
            }
            catch (DaprException ex)
            {
                failure = ex.Message;
            }
            if (attempt >= RetryDelays.Length)
            {
                LogTickDropped(actor.ToString(), name, failure);
                return;
            }
            await Task.Delay(RetryDelays[attempt], time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "reminder {Name} of actor {Actor} failed after retries, tick skipped: {Reason}")]
    private partial void LogTickDropped(string actor, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not persist reminder {Name} of actor {Actor}: {Reason}")]
    private partial void LogPersistFailed(string actor, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not reload reminders: {Reason}")]
    private partial void LogRefreshFailed(string reason);
}
