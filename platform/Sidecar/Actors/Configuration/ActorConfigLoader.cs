using System.Net;
using AmazonScale.Sidecar.Discovery;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Actors.Configuration;

/// <summary>
/// Reads GET /dapr/config once the app listens and advertises the hosted actor types in the machine
/// registry (daprd registers them with the placement service). A non-200 answer means "no actors".
/// </summary>
public sealed partial class ActorConfigLoader(
    AppChannel.AppChannel app,
    HostedActorTypes hosted,
    LocalRegistry registry,
    ILogger<ActorConfigLoader> logger) : AppChannel.IAppInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var config = app.IsConfigured ? await FetchAsync(cancellationToken) : ActorAppConfig.Empty;
        hosted.Load(config);
        registry.UpdateSelf(self => self with { ActorTypes = config.Types.Keys.Order(StringComparer.Ordinal).ToList() });
        if (config.Types.Count > 0)
        {
            LogHosting(string.Join(", ", config.Types.Keys));
        }
    }

    private async Task<ActorAppConfig> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await app.GetAsync("dapr/config", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ActorAppConfig.Empty;
            }
            return ActorAppConfig.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
        {
            LogConfigUnreadable(ex.Message);
            return ActorAppConfig.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "actor runtime started; hosted actor types: {Types}")]
    private partial void LogHosting(string types);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not read the app's /dapr/config, no actors hosted: {Reason}")]
    private partial void LogConfigUnreadable(string reason);
}
