using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Queues;
using AmazonScale.TaskQueue.Tasks;
using AmazonScale.TaskQueue.Workers;
using AmazonScale.TaskQueue.Workflows;

namespace AmazonScale.TaskQueue;

public static class TaskQueueExtensions
{
    /// <summary>Bounds a batch (up to 1000 tasks or reports) as a whole; larger bodies are refused (413) before parsing.</summary>
    private const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddTaskQueue(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TaskQueueOptions.Section).Get<TaskQueueOptions>() ?? new TaskQueueOptions();
        if (options.ShardsPerType is < 1 or > TaskIds.MaxShards)
        {
            throw new InvalidOperationException($"{TaskQueueOptions.Section}:ShardsPerType must be 1-{TaskIds.MaxShards}.");
        }
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new AdminKey(options.AdminKey, $"{TaskQueueOptions.Section}:AdminKey"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TaskQueueMetrics>();
        services.AddSingleton<TaskActors>();
        services.AddSingleton<ShardCalls>();
        services.AddSingleton<TransitionEffects>();
        services.AddSingleton<ActorStateTransactions>();
        services.AddSingleton<WorkerPools>();
        services.AddSingleton<WorkerKeys>();
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
            actors.Actors.RegisterActor<TaskShardActor>();
            actors.Actors.RegisterActor<DeadLetterActor>();
            actors.Actors.RegisterActor<RegistryActor>();
            actors.JsonSerializerOptions = ActorJson(actors.JsonSerializerOptions);
            actors.UseSidecarFrom(builder.Configuration);
        });

        services.AddOpenApi();
        builder.AddJsonApiConventions(MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// The actor runtime's JSON (state and actor method bodies). Task records are mostly unset optional fields: leaving
    /// nulls out makes every stored record and every shard call's body about a fifth smaller (reading back gives the
    /// same nulls). Minimal escaping: these bodies go to the sidecar only (never into a page), and a payload's quotes
    /// stay \" as daprd stores them instead of \u0022, so records reach the sidecar in daprd's stored form
    /// (<see cref="TaskRecordJsonConverter"/>).
    /// </summary>
    internal static JsonSerializerOptions ActorJson(JsonSerializerOptions runtimeDefaults)
    {
        var json = new JsonSerializerOptions(runtimeDefaults)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        json.Converters.Add(new TaskRecordJsonConverter(new JsonSerializerOptions(json)));
        return json;
    }

    public static WebApplication MapTaskQueueApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapTasksApi();
        app.MapWorkersApi();
        app.MapWorkerAdminApi();
        app.MapQueuesApi();
        app.MapWorkflowEndpoints().AddEndpointFilter<AdminKeyFilter>();
        app.MapOpenApi();
        return app;
    }
}
