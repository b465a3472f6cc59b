namespace AmazonScale.Orchestrations;

/// <summary>Workflows and activities this app hosts, and engine settings (the argument of AddDaprWorkflow).</summary>
public sealed class WorkflowRuntimeOptions
{
    private readonly Dictionary<string, Type> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    /// <summary>
    /// The Dapr app id; it names the actor type of this app's instances (<c>{appId}.workflow</c>) so apps never
    /// share instances. Defaults to configuration APP_ID, then OTEL_SERVICE_NAME, then the application name.
    /// </summary>
    public string? AppId { get; set; }

    /// <summary>
    /// How often undelivered work (an unacknowledged activity, child start or parent notification) is
    /// re-dispatched after a crash, and how often a due timer is retried while the app is unreachable.
    /// </summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Activities running at once in this process; further ones wait.</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    public IReadOnlyDictionary<string, Type> Workflows => _workflows;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    /// <summary>Registers <typeparamref name="TWorkflow"/> under <paramref name="name"/> (default: the class name, as in Dapr.Workflow).</summary>
    public void RegisterWorkflow<TWorkflow>(string? name = null) where TWorkflow : class, IWorkflow =>
        _workflows[name ?? typeof(TWorkflow).Name] = typeof(TWorkflow);

    public void RegisterActivity<TActivity>(string? name = null) where TActivity : class, IWorkflowActivity =>
        _activities[name ?? typeof(TActivity).Name] = typeof(TActivity);
}
