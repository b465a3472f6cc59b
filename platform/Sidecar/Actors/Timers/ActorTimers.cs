using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Placement;
using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Actors.Scheduling;
using AmazonScale.Sidecar.Actors.Timing;
using AmazonScale.Sidecar.Errors;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Actors.Timers;

/// <summary>
/// In-memory actor timers: each fires its callback inside the actor's turn, on schedule, until it is
/// unregistered, its repetitions or ttl run out, or the activation is deactivated (timers are never restored).
/// </summary>
public sealed partial class ActorTimers(
    ActorActivations activations,
    ActorInvoker invoker,
    HostedActorTypes hosted,
    ActorPlacement placement,
    TimeProvider time,
    ILogger<ActorTimers> logger)
{
    public void Register(ActorKey actor, string name, ScheduleRequest registration)
    {
        if (!hosted.Hosts(actor.Type) || !placement.IsOwnedHere(actor))
        {
            throw ActorErrors.TimerNotHosted(actor).ToException();
        }
        var schedule = registration.ToSchedule(time.GetUtcNow()).ExpireIfPastTtl();
        var activation = activations.GetOrActivate(actor);
        var timer = new ActorTimer(name, registration, activation.Lifetime);
        activation.Timers.AddOrUpdate(name, timer, (_, previous) =>
        {
            previous.Stop();
            return timer;
        });
        _ = RunAsync(activation, timer, schedule);
    }

    public void Unregister(ActorKey actor, string name)
    {
        if (activations.Find(actor) is { } activation && activation.Timers.TryRemove(name, out var timer))
        {
            timer.Stop();
        }
    }

    private async Task RunAsync(ActorActivation activation, ActorTimer timer, ActorSchedule schedule)
    {
        var stopping = timer.Stopping;
        var body = CallbackBody.Build(timer.Registration.Callback ?? "", timer.Registration.DataJson, timer.Registration.DueTime, timer.Registration.Period);
        try
        {
            while (schedule.NextDue is { } due)
            {
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping);
                }
                await FireAsync(activation.Key, timer, body);
                schedule = schedule.Advance(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            activation.Timers.TryRemove(new KeyValuePair<string, ActorTimer>(timer.Name, timer));
            timer.Dispose();
        }
    }

    private async Task FireAsync(ActorKey actor, ActorTimer timer, string body)
    {
        try
        {
            using var response = await invoker.InvokeCallbackAsync(actor, id => ActorAppClient.Callback(actor, "timer", timer.Name, body, id),
                () => !timer.Stopping.IsCancellationRequested, timer.Stopping);
            if (response is not null && response.Headers.Contains(ActorInvoker.ErrorResponseHeader))
            {
                LogTimerFailed(actor.ToString(), timer.Name, "the callback threw");
            }
        }
        catch (DaprException ex)
        {
            // A failing timer callback does not stop the timer, as in daprd.
            LogTimerFailed(actor.ToString(), timer.Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "timer {Name} of actor {Actor} failed: {Reason}")]
    private partial void LogTimerFailed(string actor, string name, string reason);
}
