using AmazonScale.Orchestrations;
using AmazonScale.Orchestrations.Actors;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.Activities;
using AmazonScale.Orchestrations.Engine.Instances;
using AmazonScale.Orchestrations.Telemetry;
using Dapr.Actors.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow engine, its <see cref="AmazonScale.Orchestrations.DaprWorkflowClient"/>, and the
    /// instance actor type (<c>{appId}.workflow</c>) with Dapr actors. It composes with the app's own
    /// <c>AddActors(...)</c> call in either order (both configure the same ActorRuntimeOptions). The app maps
    /// the actor routes once with <c>app.MapActorsHandlers()</c>, and the status API with
    /// <c>app.MapWorkflowEndpoints()</c>. Spans and metrics are added to OpenTelemetry when the app uses it.
    /// </summary>
    public static IServiceCollection AddDaprWorkflow(this IServiceCollection services, Action<WorkflowRuntimeOptions> configure)
    {
        var options = new WorkflowRuntimeOptions();
        configure(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => OrchestrationActorType.Resolve(options,
            provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<WorkflowRegistry>();
        services.AddSingleton<ActivityExecutor>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IOrchestrationGateway, ActorOrchestrationGateway>();
        services.AddSingleton<DaprWorkflowClient>();
        services.AddSingleton<OrchestrationServices>();

        services.AddActors(configure: null);
        services.AddOptions<ActorRuntimeOptions>().Configure<OrchestrationActorType>((actors, actorType) =>
            actors.Actors.RegisterActor<OrchestrationActor>(actorType.Name));

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(WorkflowTelemetry.Name));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(WorkflowTelemetry.Name));
        return services;
    }
}
