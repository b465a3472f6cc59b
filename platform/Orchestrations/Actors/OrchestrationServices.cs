using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.Instances;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>The app-wide pieces every instance actor uses (one constructor dependency instead of five).</summary>
public sealed class OrchestrationServices(WorkflowRegistry registry, IServiceProvider services, OutboxDispatcher dispatcher, WorkflowRuntimeOptions options, TimeProvider time)
{
    public InstanceStepper Stepper { get; } = new(name => registry.CreateWorkflow(name, services));

    public OutboxDispatcher Dispatcher => dispatcher;

    public TimeSpan RedeliveryInterval => options.RedeliveryInterval;

    public TimeProvider Time => time;
}
