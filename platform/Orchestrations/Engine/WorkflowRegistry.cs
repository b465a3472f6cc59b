using Microsoft.Extensions.DependencyInjection;

namespace AmazonScale.Orchestrations.Engine;

/// <summary>Creates registered workflows and activities by name, with constructor injection from the app's services.</summary>
public sealed class WorkflowRegistry(WorkflowRuntimeOptions options)
{
    public IWorkflow? CreateWorkflow(string name, IServiceProvider services) =>
        options.Workflows.TryGetValue(name, out var type) ? (IWorkflow)ActivatorUtilities.CreateInstance(services, type) : null;

    public IWorkflowActivity? CreateActivity(string name, IServiceProvider services) =>
        options.Activities.TryGetValue(name, out var type) ? (IWorkflowActivity)ActivatorUtilities.CreateInstance(services, type) : null;
}
