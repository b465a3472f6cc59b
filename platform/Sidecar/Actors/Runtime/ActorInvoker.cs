using AmazonScale.Sidecar.Actors.Configuration;

namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// Runs one call on an actor hosted by this sidecar's app, inside the actor's turn: method calls, timer
/// fires and reminder fires all come through here, so they never overlap for one actor. With reentrancy
/// enabled for the type, a call without Dapr-Reentrancy-Id gets a fresh one, and calls carrying the id
/// of the turn in progress join it.
/// </summary>
public sealed class ActorInvoker(ActorActivations activations, ActorAppClient app, HostedActorTypes hosted)
{
    public const string ReentrancyHeader = "Dapr-Reentrancy-Id";
    public const string ErrorResponseHeader = "X-DaprErrorResponseHeader";

    /// <summary>
    /// Sends the request built by <paramref name="build"/> (given the reentrancy id to attach, or null) and
    /// returns the app's fully read response. A weakly typed failure (non-2xx without the remoting error
    /// header) becomes ERR_ACTOR_INVOKE_METHOD, as in daprd.
    /// </summary>
    public async Task<HttpResponseMessage> InvokeAsync(ActorKey actor, string? reentrancyId, Func<string?, HttpRequestMessage> build, CancellationToken cancellationToken) =>
        (await RunInTurnAsync(actor, reentrancyId, build, stillWanted: null, cancellationToken))!;

    /// <summary>
    /// A timer or reminder fire: like InvokeAsync, but once the turn is held <paramref name="stillWanted"/> is
    /// asked again, so a fire that queued behind the call unregistering it is dropped (null) instead of delivered.
    /// </summary>
    public Task<HttpResponseMessage?> InvokeCallbackAsync(ActorKey actor, Func<string?, HttpRequestMessage> build, Func<bool> stillWanted, CancellationToken cancellationToken) =>
        RunInTurnAsync(actor, null, build, stillWanted, cancellationToken);

    private async Task<HttpResponseMessage?> RunInTurnAsync(
        ActorKey actor, string? reentrancyId, Func<string?, HttpRequestMessage> build, Func<bool>? stillWanted, CancellationToken cancellationToken)
    {
        var settings = hosted.SettingsFor(actor.Type);
        var turnId = settings.ReentrancyEnabled ? reentrancyId ?? Guid.NewGuid().ToString() : null;
        while (true)
        {
            var activation = activations.GetOrActivate(actor);
            TurnLock.Turn turn;
            try
            {
                turn = await activation.Lock.EnterAsync(turnId, settings.MaxStackDepth, cancellationToken);
            }
            catch (TurnClosedException)
            {
                continue;
            }
            using (turn)
            {
                if (stillWanted is not null && !stillWanted())
                {
                    return null;
                }
                activation.Touch();
                try
                {
                    using var request = build(turnId ?? reentrancyId);
                    var response = await SendAsync(request, cancellationToken);
                    if (!response.IsSuccessStatusCode && !response.Headers.Contains(ErrorResponseHeader))
                    {
                        using (response)
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw ActorErrors.InvokeMethod($"error from actor service: ({(int)response.StatusCode}) {body}").ToException();
                        }
                    }
                    return response;
                }
                finally
                {
                    activation.Touch();
                }
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await app.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw ActorErrors.InvokeMethod($"error from actor service: {ex.Message}").ToException();
        }
        catch (InvalidOperationException ex)
        {
            throw ActorErrors.InvokeMethod(ex.Message).ToException();
        }
    }
}
