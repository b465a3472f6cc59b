using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>Merges this instance's worker sightings into the registry actor every <see cref="TaskQueueOptions.WorkerDirectoryFlush"/>.</summary>
public sealed partial class WorkerDirectoryFlusher(WorkerDirectory directory, TaskActors actors, TaskQueueOptions options, TimeProvider time,
    ILogger<WorkerDirectoryFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.WorkerDirectoryFlush, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var changes = directory.TakeChanges();
            if (changes.Count == 0)
            {
                continue;
            }
            try
            {
                await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.MergeWorkers), changes, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFlushFailed(ex.Message);
                changes.ForEach(sighting => directory.Seen(sighting.WorkerId, sighting.Kind, sighting.TaskTypes, leases: 0));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish worker sightings, retrying: {Reason}")]
    private partial void LogFlushFailed(string reason);
}
