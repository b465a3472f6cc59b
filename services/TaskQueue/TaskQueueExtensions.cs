using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Queues;
using AmazonScale.TaskQueue.Tasks;
using AmazonScale.TaskQueue.Workers;
using AmazonScale.TaskQueue.Workflows;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.TaskQueue;

public static class TaskQueueExtensions
{
    /// <summary>A batch of 100 tasks may carry up to 256 KB of payload each; larger bodies are refused (413) before parsing.</summary>
    private const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddTaskQueue(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TaskQueueOptions.Section).Get<TaskQueueOptions>() ?? new TaskQueueOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TaskQueueMetrics>();
        services.AddSingleton<TaskActors>();
        services.AddSingleton<TaskSubmission>();
        services.AddSingleton<WorkerDirectory>();
        services.AddSingleton<TaskDispatcher>();
        services.AddSingleton<PushInvoker>();
        services.AddHostedService<WorkerDirectoryFlusher>();
        services.AddHostedService<PushDispatcher>();

        services.AddDaprWorkflow(workflows =>
        {
            workflows.RegisterWorkflow<TaskRetryWorkflow>();
            workflows.RegisterWorkflow<TaskDependenciesWorkflow>();
            workflows.RegisterActivity<ReleaseRetryActivity>();
            workflows.RegisterActivity<ResolveDependenciesActivity>();
        });
        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<TaskActor>();
            actors.Actors.RegisterActor<QueueActor>();
            actors.Actors.RegisterActor<DeadLetterActor>();
            actors.Actors.RegisterActor<RegistryActor>();
            // Tests run several instances in one process, so the sidecar address comes from configuration, not only the environment.
            if (builder.Configuration["DAPR_HTTP_PORT"] is { Length: > 0 } port)
            {
                actors.HttpEndpoint = $"http://127.0.0.1:{port}";
            }
            if (builder.Configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
            {
                actors.DaprApiToken = token;
            }
        });

        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        // Unreadable bodies (bad JSON, wrong types, over the size limit) answer with their own status (400/413/415) as problem+json.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(handler =>
            handler.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication MapTaskQueueApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapTasksApi();
        app.MapWorkersApi();
        app.MapQueuesApi();
        app.MapWorkflowEndpoints().AddEndpointFilter<AdminKeyFilter>();
        app.MapOpenApi();
        return app;
    }
}
