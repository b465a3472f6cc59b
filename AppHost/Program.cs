using AmazonScale.Hosting;
using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Dapr;

var builder = DistributedApplication.CreateBuilder(args);
AppModel.Configure(builder);
await builder.Build().RunAsync();

/// <summary>The app model: every service with its Dapr sidecar, health check and start order.</summary>
public static class AppModel
{
    public static void Configure(DistributedApplicationBuilder builder)
    {
        AddSamples(builder);

        // Seed problem 3: codes, redirects with an in-process cache, click analytics over pub/sub. The edge serves the
        // API and redirects and publishes clicks; the analytics consumer (same app id, so the same state keys) folds
        // them in its own process, away from the redirects' GC pauses.
        // The edge waits for the consumer: in-memory pub/sub drops clicks published while no instance subscribes.
        var urlAnalytics = builder.AddProject("url-shortener-analytics", "../services/UrlShortener/UrlShortener.csproj", launchProfileName: "analytics")
            .WithDaprSidecar(new DaprSidecarOptions { AppId = "url-shortener" })
            .WithHttpHealthCheck("/health");
        builder.AddProject("url-shortener", "../services/UrlShortener/UrlShortener.csproj")
            .WithDaprSidecar()
            .WithEnvironment("UrlShortener__ConsumeVisits", "false")
            .WithHttpHealthCheck("/health")
            .WaitFor(urlAnalytics);

        // Seed problem 1: in-process decisions, actor-owned global budgets, Envoy RLS on the gRPC port 5302.
        builder.AddProject("rate-limiter", "../services/RateLimiter/RateLimiter.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health");

        // Seed problem 7: session and user actors, refresh rotation with reuse detection, validation from an in-process cache.
        builder.AddProject("sessions", "../services/Sessions/Sessions.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health");

        // Seed 000 problem 1: a SANDBOX payment simulator (configurable latency and failure rate) for the checkout saga.
        var payments = builder.AddProject("payments", "../services/Payments/Payments.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health");

        // Seed 000 problem 1: flash sale — inventory shard actors, virtual queue, reservations, payment saga, bot defence.
        builder.AddProject("flash-sale", "../services/FlashSale/FlashSale.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health")
            .WaitFor(payments);

        // Seed problem 4: task queue with priorities, delays, leases with fencing tokens, DAGs and retries as workflows.
        var taskQueue = builder.AddProject("task-queue", "../services/TaskQueue/TaskQueue.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health");

        // Push worker for the task queue (registers itself through Dapr service invocation).
        builder.AddProject("task-worker", "../samples/TaskWorker/TaskWorker.csproj")
            .WithDaprSidecar()
            .WithHttpHealthCheck("/health")
            .WaitFor(taskQueue);
    }

    /// <summary>The components and the two samples (a state counter, a call through both sidecars).</summary>
    public static void AddSamples(DistributedApplicationBuilder builder)
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
