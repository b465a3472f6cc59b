using System.Collections.Concurrent;
using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Domain;
using Dapr;

namespace AmazonScale.Sessions.Validation;

/// <summary>
/// Batches the uses validations see here and reports them to the session actors every
/// <see cref="SessionsOptions.ActivityFlushInterval"/>, one call per active session rather than one per validation.
/// This is what slides the idle deadline that the actors (and other instances) see.
/// </summary>
public sealed class ActivityTracker(SessionActors actors, SessionsOptions options, TimeProvider clock, ILogger<ActivityTracker> logger) : BackgroundService
{
    private const int ParallelReports = 8;
    private ConcurrentDictionary<string, TouchRequest> _pending = new(StringComparer.Ordinal);

    public void Record(string sessionId, DateTimeOffset seenAt, ClientContext client) => _pending[sessionId] = new TouchRequest(seenAt, client);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ActivityFlushInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, TouchRequest>(StringComparer.Ordinal));
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = ParallelReports, CancellationToken = cancellationToken }, async (touch, token) =>
        {
            try
            {
                await actors.TouchAsync(touch.Key, touch.Value, token);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // A lost report only makes the idle deadline the actors see earlier; the next use reports again.
                logger.LogWarning(ex, "Could not report activity of session {SessionId}", touch.Key);
            }
        });
    }
}
