using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AmazonScale.Dashboard.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace AmazonScale.Dashboard.Api;

/// <summary>The Resources and Console logs pages' API: what the orchestrator runs, its output, and start/stop/restart.</summary>
internal static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/resources").WithTags("Resources");
        group.MapGet("/", GetResources).WithName("GetResources").WithSummary("Every resource with state, health, pid, endpoints, environment and references.");
        group.MapGet("/events", StreamChanges).WithName("StreamResourceChanges").WithSummary("Server-sent events: one 'resource' event per state or health change.");
        group.MapGet("/{name}", GetResource).WithName("GetResource").WithSummary("One resource.");
        group.MapGet("/{name}/logs", GetConsoleLogs).WithName("GetConsoleLogs").WithSummary("Console lines with sequence greater than 'after' (the last 10,000 are kept).");
        group.MapPost("/{name}/commands/{command}", ExecuteCommand).WithName("ExecuteResourceCommand").WithSummary("start, stop or restart a resource.");
        return app;
    }

    private static Ok<IReadOnlyList<ResourceSnapshot>> GetResources(IResourceService resources) =>
        TypedResults.Ok(resources.GetResources());

    private static Results<Ok<ResourceSnapshot>, ProblemHttpResult> GetResource(IResourceService resources, string name) =>
        Find(resources, name) is { } resource ? TypedResults.Ok(resource) : ResourceNotFound(name);

    private static Results<Ok<IReadOnlyList<ConsoleLogLine>>, ProblemHttpResult> GetConsoleLogs(
        IResourceService resources, string name, long? after)
    {
        if (after < 0)
        {
            return Problems.BadRequest("'after' must be zero or positive.");
        }

        return Find(resources, name) is null
            ? ResourceNotFound(name)
            : TypedResults.Ok(resources.GetConsoleLogs(name, after ?? 0));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ExecuteCommand(
        IResourceService resources, string name, string command, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ResourceCommand>(command, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return Problems.BadRequest($"Unknown command '{command}'. Use start, stop or restart.");
        }

        if (Find(resources, name) is null)
        {
            return ResourceNotFound(name);
        }

        return await resources.ExecuteCommandAsync(name, parsed, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Conflict($"'{command}' does not apply to resource '{name}' in its current state.");
    }

    private static ServerSentEventsResult<ResourceSnapshot> StreamChanges(
        IResourceService resources, IHostApplicationLifetime lifetime, CancellationToken requestAborted) =>
        TypedResults.ServerSentEvents(Changes(resources, lifetime.ApplicationStopping, requestAborted), eventType: "resource");

    // The stream also ends when the AppHost stops, so an open browser tab never holds up Ctrl+C.
    private static async IAsyncEnumerable<ResourceSnapshot> Changes(
        IResourceService resources, CancellationToken stopping, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, requestAborted);
        var changes = Channel.CreateBounded<ResourceSnapshot>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(ResourceSnapshot snapshot) => changes.Writer.TryWrite(snapshot);
        resources.ResourceChanged += OnChanged;
        try
        {
            while (await WaitAsync(changes.Reader, cancellation.Token))
            {
                while (changes.Reader.TryRead(out var snapshot))
                {
                    yield return snapshot;
                }
            }
        }
        finally
        {
            resources.ResourceChanged -= OnChanged;
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<ResourceSnapshot> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static ResourceSnapshot? Find(IResourceService resources, string name) =>
        resources.GetResources().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult ResourceNotFound(string name) => Problems.NotFound($"No resource named '{name}'.");
}
