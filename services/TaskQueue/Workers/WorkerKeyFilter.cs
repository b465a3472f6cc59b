using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>Worker endpoints need a valid <see cref="WorkerKeys.HeaderName"/> (401 otherwise); the key is left in HttpContext.Items for scope checks (403).</summary>
public sealed class WorkerKeyFilter(WorkerKeys keys) : IEndpointFilter
{
    private const string ItemKey = "task-queue.worker-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[WorkerKeys.HeaderName].ToString();
        if (presented.Length == 0 || await keys.VerifyAsync(presented, http.RequestAborted) is not { } key)
        {
            return TypedResults.Problem(Problems.Unauthorized($"A valid {WorkerKeys.HeaderName} header is required (an admin creates worker keys: POST /api/v1/workers/keys)."));
        }
        http.Items[ItemKey] = key;
        return await next(context);
    }

    /// <summary>The verified key of a request that passed this filter.</summary>
    public static WorkerKey KeyOf(HttpContext context) => (WorkerKey)context.Items[ItemKey]!;
}
