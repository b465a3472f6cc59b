using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// The actors active in this sidecar's app. Deactivation runs as a turn (so it waits for the call in
/// progress), stops the timers, sends DELETE to the app while later callers still queue on the old lock,
/// then removes the activation and closes its lock so those callers retry on a fresh activation.
/// </summary>
public sealed partial class ActorActivations(ActorAppClient app, TimeProvider time, ILogger<ActorActivations> logger)
{
    private readonly ConcurrentDictionary<ActorKey, ActorActivation> _active = new();

    public ActorActivation GetOrActivate(ActorKey actor) => _active.GetOrAdd(actor, key => new ActorActivation(key, time));

    public ActorActivation? Find(ActorKey actor) => _active.GetValueOrDefault(actor);

    public IReadOnlyCollection<ActorActivation> All => [.. _active.Values];

    /// <summary>
    /// Deactivates <paramref name="activation"/>. With <paramref name="drainTimeout"/> the call in progress
    /// gets that long to finish (rebalancing); when it does not, deactivation proceeds without the turn.
    /// <paramref name="onlyIfIdleFor"/> re-checks idleness once the turn is held, so a call that slipped in wins.
    /// </summary>
    public async Task<bool> DeactivateAsync(ActorActivation activation, TimeSpan? drainTimeout, TimeSpan? onlyIfIdleFor, CancellationToken cancellationToken)
    {
        TurnLock.Turn? turn = null;
        try
        {
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (drainTimeout is { } timeout)
            {
                drain.CancelAfter(timeout);
            }
            try
            {
                turn = await activation.Lock.EnterAsync(null, int.MaxValue, drain.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogDrainTimedOut(activation.Key.ToString());
            }
            catch (TurnClosedException)
            {
                return false;
            }
            if (onlyIfIdleFor is { } idle && time.GetUtcNow() - activation.LastUsed < idle)
            {
                return false;
            }

            activation.End();
            try
            {
                await app.DeactivateAsync(activation.Key, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                // The app is gone or refused; the activation is dropped either way, as daprd does.
                LogDeleteFailed(activation.Key.ToString(), ex.Message);
            }
            _active.TryRemove(new KeyValuePair<ActorKey, ActorActivation>(activation.Key, activation));
            activation.Lock.Close();
            LogDeactivated(activation.Key.ToString());
            return true;
        }
        finally
        {
            turn?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "deactivated actor {Actor}")]
    private partial void LogDeactivated(string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "drain timeout for actor {Actor}: deactivating while a call is still in progress")]
    private partial void LogDrainTimedOut(string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DELETE on the app for actor {Actor} failed: {Reason}")]
    private partial void LogDeleteFailed(string actor, string reason);
}
