namespace AmazonScale.Sidecar.AppChannel;

/// <summary>Backs /v1.0/healthz: false until the app is reachable and every IAppInitializer ran.</summary>
public sealed class SidecarReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
