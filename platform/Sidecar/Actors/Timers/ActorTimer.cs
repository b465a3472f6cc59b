using AmazonScale.Sidecar.Actors.Scheduling;

namespace AmazonScale.Sidecar.Actors.Timers;

/// <summary>One registered timer of one activation; cancelled when unregistered, replaced or the activation ends.</summary>
public sealed class ActorTimer(string name, ScheduleRequest registration, CancellationToken activationLifetime) : IDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(activationLifetime);

    public string Name { get; } = name;

    public ScheduleRequest Registration { get; } = registration;

    public CancellationToken Stopping => _stop.Token;

    public void Stop() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}
