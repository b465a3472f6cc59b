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
/// the store, re-read completely when placement membership changes and its index every second while another
/// sidecar hosts the type too), but only the actor's current owner fires one, inside the actor's turn. A
/// failed tick is retried a few times and then skipped; progress is persisted after each tick so a new owner
/// resumes the schedule. Between events the loop sleeps until the next due reminder (at most one membership
/// check interval), so an idle sidecar barely wakes up.
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
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MembershipCheckInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan IndexRefreshInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly ConcurrentDictionary<(ActorKey Actor, string Name), Entry> _entries = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

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
        var now = time.GetUtcNow();
        var schedule = registration.ToSchedule(now).ExpireIfPastTtl();
        var reminder = StoredReminder.Create(actor, name, registration, schedule, now);
        await store.SaveAsync(reminder, cancellationToken);
        _entries[(actor, name)] = new Entry(reminder);
        Wake();
    }

    public async Task<StoredReminder?> GetAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        RequireHosted(actor.Type);
        return await store.GetAsync(actor, name, cancellationToken);
    }

    public async Task UnregisterAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        RequireHosted(actor.Type);
        await store.DeleteAsync(actor, name, cancellationToken);
        _entries.TryRemove((actor, name), out _);
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
            string? membership = null;
            var lastIndexRefresh = DateTimeOffset.MinValue;
            while (true)
            {
                var current = placement.MembershipSignature();
                var now = time.GetUtcNow();
                if (current != membership)
                {
                    await RefreshAsync(hosted.Names, fullReload: true, stoppingToken);
                    membership = current;
                    lastIndexRefresh = now;
                }
                else if (now - lastIndexRefresh >= IndexRefreshInterval)
                {
                    // A type hosted only here gets every registration through this sidecar, so its index
                    // can only change under a membership change, which triggers a full reload anyway.
                    await RefreshAsync(hosted.Names.Where(placement.HasOtherHosts), fullReload: false, stoppingToken);
                    lastIndexRefresh = now;
                }
                FireDue(stoppingToken);
                await WaitForNextEventAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Re-reads the index of every hosted type: new reminders are added, removed ones dropped. A full
    /// reload also re-reads every document, since another owner may have advanced their schedules.
    /// </summary>
    private async Task RefreshAsync(IEnumerable<string> actorTypes, bool fullReload, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var actorType in actorTypes)
            {
                var readAt = time.GetUtcNow();
                var index = await store.ReadIndexAsync(actorType, cancellationToken);
                // Registrations newer than the index read may simply not be in it yet.
                var dropped = _entries.Where(e => e.Key.Actor.Type == actorType && e.Value.Reminder.RegisteredAt < readAt
                    && !index.Contains(new ReminderStore.IndexEntry(e.Key.Actor.Id, e.Key.Name)));
                foreach (var (key, entry) in dropped)
                {
                    _entries.TryRemove(new KeyValuePair<(ActorKey, string), Entry>(key, entry));
                }
                foreach (var item in index)
                {
                    var key = (new ActorKey(actorType, item.ActorId), item.Name);
                    if (!fullReload && _entries.ContainsKey(key))
                    {
                        continue;
                    }
                    if (await store.GetAsync(key.Item1, item.Name, cancellationToken) is { } stored)
                    {
                        Merge(key, stored);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(ex.Message);
        }
    }

    /// <summary>
    /// Takes a copy read from the store unless the one in memory is newer or firing right now: the store
    /// read may predate a fire this sidecar just made, and must not rewind the schedule.
    /// </summary>
    private void Merge((ActorKey Actor, string Name) key, StoredReminder stored) =>
        _entries.AddOrUpdate(key, _ => new Entry(stored), (_, current) =>
            Volatile.Read(ref current.Firing) == 0 && stored.Supersedes(current.Reminder) ? new Entry(stored) : current);

    /// <summary>
    /// Sleeps until the earliest due reminder this sidecar may fire, a registration or a finished fire, but
    /// no longer than the membership check interval (ownership can move without any local event).
    /// </summary>
    private async Task WaitForNextEventAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var wait = MembershipCheckInterval;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Schedule.NextDue is { } due && due - now < wait && Volatile.Read(ref entry.Firing) == 0 && placement.IsOwnedHere(key.Actor))
            {
                wait = due - now;
            }
        }
        await _wake.WaitAsync(wait < MinimumWait ? MinimumWait : wait, stoppingToken);
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }

    private void FireDue(CancellationToken stoppingToken)
    {
        // While placement moves, a due reminder waits for the next tick rather than activate its actor twice.
        if (!placement.IsSettled())
        {
            return;
        }
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
            await DeliverWithRetriesAsync(key, entry, body, stoppingToken);

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
            Wake();
        }
    }

    private async Task DeliverWithRetriesAsync((ActorKey Actor, string Name) key, Entry entry, string body, CancellationToken stoppingToken)
    {
        var (actor, name) = key;
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var response = await invoker.InvokeCallbackAsync(actor, id => ActorAppClient.Callback(actor, "remind", name, body, id),
                    () => _entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry), stoppingToken);
                if (response is null || !response.Headers.Contains(ActorInvoker.ErrorResponseHeader))
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
