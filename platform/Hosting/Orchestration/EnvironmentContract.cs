using AmazonScale.Hosting.Dapr;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>
/// The environment Aspire injects into the processes it starts; services read only these names, so the same
/// binaries run unchanged under the real Aspire AppHost.
/// </summary>
public static class EnvironmentContract
{
    /// <summary>OTLP export to the dashboard with 1-second batches so telemetry shows up while you look.</summary>
    public static Dictionary<string, string> Telemetry(string serviceName, string instanceId, string otlpEndpoint) => new(StringComparer.Ordinal)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = serviceName,
        ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["OTEL_TRACES_SAMPLER"] = "always_on",
    };

    /// <summary>The variables of one project replica, in the order Aspire layers them (user values last).</summary>
    public static Dictionary<string, string> ForProject(ProjectLaunch launch, string otlpEndpoint)
    {
        var environment = Telemetry(launch.ServiceName, launch.InstanceName, otlpEndpoint);
        environment["ASPNETCORE_URLS"] = launch.Url;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, urls) in launch.ServiceReferences)
        {
            for (var i = 0; i < urls.Count; i++)
            {
                environment[$"services__{name}__http__{i}"] = urls[i];
            }
        }
        foreach (var (name, connectionString) in launch.ConnectionStrings)
        {
            environment[$"ConnectionStrings__{name}"] = connectionString;
        }
        if (launch.Sidecar is { } sidecar)
        {
            environment["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString();
            environment["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString();
            AddTokens(environment, sidecar);
        }
        foreach (var (name, value) in launch.UserEnvironment)
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>The sidecar exports as &lt;app&gt;-dapr and shares the run's app registry with the other sidecars.</summary>
    public static Dictionary<string, string> ForSidecar(SidecarLaunch sidecar, string instanceName, string registryDirectory, string otlpEndpoint)
    {
        var environment = Telemetry(sidecar.AppId + "-dapr", instanceName, otlpEndpoint);
        environment["DAPR_LOCAL_REGISTRY"] = registryDirectory;
        AddTokens(environment, sidecar);
        return environment;
    }

    private static void AddTokens(Dictionary<string, string> environment, SidecarLaunch sidecar)
    {
        if (sidecar.DaprApiToken is { } daprApiToken)
        {
            environment["DAPR_API_TOKEN"] = daprApiToken;
        }
        if (sidecar.AppApiToken is { } appApiToken)
        {
            environment["APP_API_TOKEN"] = appApiToken;
        }
    }
}

/// <summary>What the environment of one project replica is computed from.</summary>
/// <param name="ServiceName">The resource name (OTEL_SERVICE_NAME, Dapr app id).</param>
/// <param name="InstanceName">Unique per replica (service.instance.id).</param>
/// <param name="Url">The URL it listens on, e.g. http://localhost:5101.</param>
/// <param name="ServiceReferences">Referenced projects → the URLs of all their replicas.</param>
/// <param name="ConnectionStrings">Referenced servers → their connection strings.</param>
public sealed record ProjectLaunch(
    string ServiceName,
    string InstanceName,
    string Url,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ServiceReferences,
    IReadOnlyDictionary<string, string> ConnectionStrings,
    SidecarLaunch? Sidecar,
    IEnumerable<KeyValuePair<string, string>> UserEnvironment);
