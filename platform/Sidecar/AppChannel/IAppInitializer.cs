namespace AmazonScale.Sidecar.AppChannel;

/// <summary>
/// Work that daprd does once the app answers on its port and before it reports itself ready:
/// loading GET /dapr/config (actors) and GET /dapr/subscribe (subscriptions). Register implementations
/// as singletons; they run in registration order.
/// </summary>
public interface IAppInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
