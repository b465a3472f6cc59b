using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>
/// The actor type of this app's workflow instances, <c>{appId}.workflow</c>: per app, so two apps using
/// workflows never receive each other's instances through placement.
/// </summary>
public sealed record OrchestrationActorType(string Name)
{
    public static OrchestrationActorType Resolve(WorkflowRuntimeOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var appId = new[] { options.AppId, configuration["APP_ID"], configuration["OTEL_SERVICE_NAME"], environment.ApplicationName }
            .First(candidate => !string.IsNullOrWhiteSpace(candidate))!;
        return new OrchestrationActorType($"{appId}.workflow");
    }
}
