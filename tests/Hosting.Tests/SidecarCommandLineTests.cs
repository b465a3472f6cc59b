using AmazonScale.Hosting.Dapr;

namespace AmazonScale.Hosting.Tests;

public sealed class SidecarCommandLineTests
{
    private static readonly SidecarLaunch Launch = new("hello-api", 5101, 41001, 41002, "/run/components", null, "info", null, null);

    [Fact]
    public void Uses_daprd_flags_in_daprd_order()
    {
        Assert.Equal(
            ["--app-id", "hello-api", "--app-port", "5101", "--dapr-http-port", "41001", "--dapr-grpc-port", "41002",
             "--resources-path", "/run/components", "--log-level", "info"],
            SidecarCommandLine.Arguments(Launch));
    }

    [Fact]
    public void Adds_config_when_given()
    {
        var arguments = SidecarCommandLine.Arguments(Launch with { ConfigPath = "/repo/dapr/config.yaml", LogLevel = "debug" });

        Assert.Equal(["--config", "/repo/dapr/config.yaml", "--log-level", "debug"], arguments.Skip(10));
    }

    [Fact]
    public void Real_daprd_gets_its_own_metrics_port()
    {
        var arguments = SidecarCommandLine.DaprdArguments(Launch, 41003);

        Assert.Equal([.. SidecarCommandLine.Arguments(Launch), "--metrics-port", "41003"], arguments);
    }
}
