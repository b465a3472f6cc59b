using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Every <see cref="TaskQueueOptions.WorkerDirectoryFlush"/>: merges this instance's worker sightings into the registry
/// actor, then reads back every instance's sightings and the pool definitions for <see cref="WorkerPools"/>.
/// </summary>
public sealed partial class WorkerDirectoryFlusher(WorkerDirectory directory, WorkerPools pools, TaskActors actors, TaskQueueOptions options, TimeProvider time,
    ILogger<WorkerDirectoryFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WorkerDirectoryFlush, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var changes = directory.TakeChanges();
            try
            {
                var registry = actors.Registry();
                var localChanges = pools.LocalChanges;
                if (changes.Count > 0)
                {
                    await registry.InvokeMethodAsync(nameof(IRegistryActor.MergeWorkers), changes, stoppingToken);
                }
                pools.Refresh(localChanges, await registry.InvokeMethodAsync<IReadOnlyList<WorkerPool>>(nameof(IRegistryActor.Pools), stoppingToken),
                    await registry.InvokeMethodAsync<IReadOnlyList<WorkerSighting>>(nameof(IRegistryActor.Workers), stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFlushFailed(ex.Message);
                changes.ForEach(sighting => directory.Seen(sighting.WorkerId, sighting.Kind, sighting.TaskTypes, leases: 0));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not sync worker sightings and pools with the registry, retrying: {Reason}")]
    private partial void LogFlushFailed(string reason);
}
