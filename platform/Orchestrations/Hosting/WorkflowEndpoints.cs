using System.Text.Json;
using AmazonScale.Orchestrations;
using AmazonScale.Orchestrations.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The status API of this app's workflow instances, /api/v1/workflows/{instanceId}. The returned group lets
/// the hosting service add its own authorization (the POST routes change instances).
/// </summary>
public static class WorkflowEndpoints
{
    public const int MaxEventBytes = 256 * 1024;

    public static RouteGroupBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/workflows").WithTags("Workflows");
        group.MapGet("/{instanceId}", GetWorkflow).WithName("GetWorkflow").WithSummary("Status, input, output, custom status and failure of a workflow instance");
        group.MapPost("/{instanceId}/events/{eventName}", RaiseEvent).WithName("RaiseWorkflowEvent").WithSummary("Raise an event (JSON body) on a workflow instance");
        group.MapPost("/{instanceId}/terminate", Terminate).WithName("TerminateWorkflow").WithSummary("Terminate a workflow instance");
        group.MapPost("/{instanceId}/suspend", Suspend).WithName("SuspendWorkflow").WithSummary("Suspend a workflow instance");
        group.MapPost("/{instanceId}/resume", Resume).WithName("ResumeWorkflow").WithSummary("Resume a suspended workflow instance");
        group.MapDelete("/{instanceId}", Purge).WithName("PurgeWorkflow").WithSummary("Delete a finished workflow instance");
        return group;
    }

    public static async Task<Results<Ok<WorkflowState>, ProblemHttpResult>> GetWorkflow(string instanceId, DaprWorkflowClient client, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return InvalidId(instanceId);
        }
        var state = await client.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return state.Exists ? TypedResults.Ok(state) : NotFound(instanceId);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RaiseEvent(string instanceId, string eventName, HttpRequest request, DaprWorkflowClient client, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return InvalidId(instanceId);
        }
        var body = await ReadBoundedAsync(request.Body, MaxEventBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"event payloads are limited to {MaxEventBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        JsonElement? payload;
        try
        {
            payload = body.Length == 0 ? null : JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"the event body is not JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        return await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken) ? TypedResults.Accepted((string?)null) : NotFound(instanceId);
    }

    public static Task<Results<Accepted, ProblemHttpResult>> Terminate(string instanceId, DaprWorkflowClient client, CancellationToken cancellationToken) =>
        Control(instanceId, () => client.TerminateWorkflowAsync(instanceId, "terminated through the API", cancellationToken));

    public static Task<Results<Accepted, ProblemHttpResult>> Suspend(string instanceId, DaprWorkflowClient client, CancellationToken cancellationToken) =>
        Control(instanceId, () => client.SuspendWorkflowAsync(instanceId, "suspended through the API", cancellationToken));

    public static Task<Results<Accepted, ProblemHttpResult>> Resume(string instanceId, DaprWorkflowClient client, CancellationToken cancellationToken) =>
        Control(instanceId, () => client.ResumeWorkflowAsync(instanceId, "resumed through the API", cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> Purge(string instanceId, DaprWorkflowClient client, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return InvalidId(instanceId);
        }
        if (await client.PurgeInstanceAsync(instanceId, cancellationToken))
        {
            return TypedResults.NoContent();
        }
        var state = await client.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        return state.Exists
            ? TypedResults.Problem($"workflow {instanceId} is {state.RuntimeStatus}; only finished instances can be purged", statusCode: StatusCodes.Status409Conflict)
            : NotFound(instanceId);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> Control(string instanceId, Func<Task<bool>> send)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            return InvalidId(instanceId);
        }
        return await send() ? TypedResults.Accepted((string?)null) : NotFound(instanceId);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (checked while reading, so chunked bodies are bounded too).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult InvalidId(string instanceId) =>
        TypedResults.Problem($"'{instanceId}' is not a valid workflow instance id", statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string instanceId) =>
        TypedResults.Problem($"workflow {instanceId} does not exist", statusCode: StatusCodes.Status404NotFound);
}
