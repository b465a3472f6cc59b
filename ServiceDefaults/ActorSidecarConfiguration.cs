using Dapr.Actors.Runtime;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

public static class ActorSidecarConfiguration
{
    /// <summary>
    /// The Dapr.Actors SDK reads its sidecar's address and token from environment variables only; tests run several
    /// services in one process, so take them from configuration (which includes the environment) instead.
    /// </summary>
    public static ActorRuntimeOptions UseSidecarFrom(this ActorRuntimeOptions actors, IConfiguration configuration)
    {
        if (configuration["DAPR_HTTP_PORT"] is { Length: > 0 } port)
        {
            actors.HttpEndpoint = $"http://127.0.0.1:{port}";
        }
        if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
        {
            actors.DaprApiToken = token;
        }
        return actors;
    }
}
