using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>Hangfire (Hangfire.Core + Hangfire.InMemory, in this process) doing the same no-op and delayed jobs.</summary>
public sealed class HangfireRunner : IDisposable
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> Waiting = new();
    private static readonly ConcurrentDictionary<string, int> Runs = new();
    private readonly BackgroundJobServer _server;

    public HangfireRunner(int workers)
    {
        GlobalConfiguration.Configuration.UseSimpleAssemblyNameTypeSerializer().UseInMemoryStorage(new InMemoryStorageOptions());
        // Delayed jobs are moved to their queue by a poller; 1 s is its finest useful setting (the default is 15 s).
        _server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers, SchedulePollingInterval = TimeSpan.FromSeconds(1) });
    }

    /// <summary>Enqueues a no-op job and waits until it has run; returns the dispatch latency in microseconds.</summary>
    public async Task<long> RunNoOpAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Waiting[id] = done;
        BackgroundJob.Enqueue(() => NoOp(id, Stopwatch.GetTimestamp()));
        return await done.Task;
    }

    public static string Schedule(DateTimeOffset due)
    {
        var id = Guid.NewGuid().ToString("N");
        BackgroundJob.Schedule(() => Fired(id, due.UtcTicks), due);
        return id;
    }

    public static IReadOnlyDictionary<string, int> FireCounts => Runs;

    public static readonly ConcurrentBag<double> Lateness = [];

    public static void NoOp(string id, long enqueuedTimestamp)
    {
        if (Waiting.TryRemove(id, out var done))
        {
            done.SetResult((long)Stopwatch.GetElapsedTime(enqueuedTimestamp).TotalMicroseconds);
        }
    }

    public static void Fired(string id, long dueTicks)
    {
        Runs.AddOrUpdate(id, 1, (_, count) => count + 1);
        Lateness.Add((DateTimeOffset.UtcNow - new DateTimeOffset(dueTicks, TimeSpan.Zero)).TotalMilliseconds);
    }

    public void Dispose() => _server.Dispose();
}
