using AmazonScale.Hosting;
using AmazonScale.Hosting.ApplicationModel;

var builder = DistributedApplication.CreateBuilder(args);
AppModel.Configure(builder);
await builder.Build().RunAsync();

/// <summary>The app model: every service with its Dapr sidecar, health check and start order.</summary>
public static class AppModel
{
    public static void Configure(DistributedApplicationBuilder builder)
    {
        // components/<profile>: local (SQLite + in-memory, nothing to install), redis, postgres.
        builder.AddDaprComponents("../components");

        var helloApi = builder.AddProject("hello-api", "../samples/HelloApi/HelloApi.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health");

        builder.AddProject("hello-web", "../samples/HelloWeb/HelloWeb.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health")
            .WaitFor(helloApi);
    }
}
