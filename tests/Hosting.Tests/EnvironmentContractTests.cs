using AmazonScale.Hosting.Dapr;
using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

public sealed class EnvironmentContractTests
{
    private const string Otlp = "http://localhost:18890";

    private static readonly SidecarLaunch Sidecar = new("hello-api", 5101, 41001, 41002, "/run/components", null, "info", null, null);

    [Fact]
    public void Project_gets_the_aspire_contract_with_its_sidecar_ports()
    {
        var environment = EnvironmentContract.ForProject(
            new ProjectLaunch("hello-api", "hello-api", "http://localhost:5101", new Dictionary<string, IReadOnlyList<string>>(),
                new Dictionary<string, string>(), Sidecar, []),
            Otlp);

        Assert.Equal("http://localhost:5101", environment["ASPNETCORE_URLS"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(Otlp, environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("hello-api", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=hello-api", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("1000", environment["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("always_on", environment["OTEL_TRACES_SAMPLER"]);
        Assert.Equal("41001", environment["DAPR_HTTP_PORT"]);
        Assert.Equal("41002", environment["DAPR_GRPC_PORT"]);
        Assert.False(environment.ContainsKey("DAPR_API_TOKEN"));
    }

    [Fact]
    public void References_become_service_discovery_and_connection_string_variables()
    {
        var environment = EnvironmentContract.ForProject(
            new ProjectLaunch("hello-web", "hello-web-1", "http://localhost:40000",
                new Dictionary<string, IReadOnlyList<string>> { ["hello-api"] = ["http://localhost:5101", "http://localhost:40001"] },
                new Dictionary<string, string> { ["redis"] = "127.0.0.1:6380" },
                Sidecar: null,
                [new("services__hello-api__http__1", "http://override"), new("CUSTOM", "x")]),
            Otlp);

        Assert.Equal("http://localhost:5101", environment["services__hello-api__http__0"]);
        Assert.Equal("http://override", environment["services__hello-api__http__1"]);
        Assert.Equal("127.0.0.1:6380", environment["ConnectionStrings__redis"]);
        Assert.Equal("x", environment["CUSTOM"]);
        Assert.Equal("service.instance.id=hello-web-1", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.False(environment.ContainsKey("DAPR_HTTP_PORT"));
    }

    [Fact]
    public void Sidecar_exports_as_app_dapr_and_shares_the_run_registry()
    {
        var environment = EnvironmentContract.ForSidecar(Sidecar with { DaprApiToken = "d", AppApiToken = "a" }, "hello-api-dapr", "/run/registry", Otlp);

        Assert.Equal("hello-api-dapr", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("/run/registry", environment["DAPR_LOCAL_REGISTRY"]);
        Assert.Equal("d", environment["DAPR_API_TOKEN"]);
        Assert.Equal("a", environment["APP_API_TOKEN"]);
        Assert.Equal("always_on", environment["OTEL_TRACES_SAMPLER"]);
        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"));
    }
}
