namespace AmazonScale.Hosting.Dapr;

/// <summary>daprd's command line. The stand-in sidecar accepts exactly the same flags, so one builder serves both.</summary>
public static class SidecarCommandLine
{
    public static IReadOnlyList<string> Arguments(SidecarLaunch sidecar)
    {
        List<string> arguments =
        [
            "--app-id", sidecar.AppId,
            "--app-port", sidecar.AppPort.ToString(),
            "--dapr-http-port", sidecar.HttpPort.ToString(),
            "--dapr-grpc-port", sidecar.GrpcPort.ToString(),
            "--resources-path", sidecar.ResourcesPath,
        ];
        if (sidecar.ConfigPath is { } config)
        {
            arguments.AddRange(["--config", config]);
        }
        arguments.AddRange(["--log-level", sidecar.LogLevel]);
        return arguments;
    }

    /// <summary>
    /// Real daprd also opens a metrics port (default 9090), which would collide between sidecars of one run.
    /// </summary>
    public static IReadOnlyList<string> DaprdArguments(SidecarLaunch sidecar, int metricsPort) =>
        [.. Arguments(sidecar), "--metrics-port", metricsPort.ToString()];
}
