using System.Collections.Concurrent;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.Activities;
using AmazonScale.Orchestrations.Engine.Instances;
using AmazonScale.Orchestrations.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>
/// Runs the engine core without Dapr: a lock per instance plays the actor turn, <see cref="InMemoryStorage"/>
/// the state store and reminders (with real delays). <see cref="Crash"/> drops everything in memory;
/// a new host over the same storage resumes, as the app does after kill -9.
/// </summary>
public sealed class InMemoryWorkflowHost : IOrchestrationGateway, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new();
    private readonly ConcurrentDictionary<(string, string), CancellationTokenSource> _armed = new();
    private readonly CancellationTokenSource _alive = new();
    private readonly ServiceProvider _services;
    private readonly OutboxDispatcher _dispatcher;
    private readonly InstanceStepper _stepper;

    public InMemoryWorkflowHost(InMemoryStorage? storage = null, ActivityLog? log = null, ActivityGate? gate = null, Action<WorkflowRuntimeOptions>? redeploy = null)
    {
        Storage = storage ?? new InMemoryStorage();
        var options = new WorkflowRuntimeOptions();
        TestRegistrations.RegisterAll(options);
        redeploy?.Invoke(options);
        var services = new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(log ?? new ActivityLog())
            .AddSingleton(gate ?? new ActivityGate())
            .AddSingleton<WorkflowRegistry>()
            .AddSingleton<ActivityExecutor>()
            .AddSingleton<IOrchestrationGateway>(this)
            .AddSingleton<OutboxDelivery>()
            .AddSingleton(provider => new OutboxDispatcher(provider.GetRequiredService<OutboxDelivery>(), NullLogger<OutboxDispatcher>.Instance));
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<OutboxDispatcher>();
        var registry = _services.GetRequiredService<WorkflowRegistry>();
        _stepper = new InstanceStepper(name => registry.CreateWorkflow(name, _services));
        Client = new DaprWorkflowClient(this, TimeProvider.System);
        foreach (var (key, reminder) in Storage.Reminders)
        {
            Arm(key, reminder);
        }
    }

    public InMemoryStorage Storage { get; }

    public DaprWorkflowClient Client { get; }

    public ActivityLog Log => _services.GetRequiredService<ActivityLog>();

    public Task<ScheduleResult> ScheduleAsync(string instanceId, StartRequest request, CancellationToken cancellationToken) =>
        TurnAsync(instanceId, p => p.ScheduleAsync(request, cancellationToken));

    public Task<bool> AddEventAsync(string instanceId, InboundEvent inbound, CancellationToken cancellationToken) =>
        TurnAsync(instanceId, p => p.AddEventAsync(inbound, cancellationToken));

    public Task AcknowledgeAsync(string instanceId, Acknowledgement acknowledgement, CancellationToken cancellationToken) =>
        TurnAsync(instanceId, async p => { await p.AcknowledgeAsync(acknowledgement, cancellationToken); return true; });

    public Task<WorkflowState> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        TurnAsync(instanceId, p => p.GetStateAsync(includePayloads, cancellationToken));

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        TurnAsync(instanceId, p => p.PurgeAsync(cancellationToken));

    public IReadOnlyList<Orchestrations.Engine.History.HistoryEvent> History(string instanceId) =>
        new InMemoryInstanceStore(Storage, instanceId).LoadAsync(CancellationToken.None).Result?.History ?? [];

    /// <summary>kill -9: in-flight activities and deliveries vanish unacknowledged, armed reminders stop; storage stays.</summary>
    public void Crash()
    {
        _alive.Cancel();
        _dispatcher.Dispose();
        foreach (var armed in _armed.Values)
        {
            armed.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Crash();
        await _services.DisposeAsync();
    }

    private async Task<T> TurnAsync<T>(string instanceId, Func<OrchestrationProcessor, Task<T>> call)
    {
        _alive.Token.ThrowIfCancellationRequested();
        var turn = _turns.GetOrAdd(instanceId, _ => new SemaphoreSlim(1));
        await turn.WaitAsync(_alive.Token);
        try
        {
            return await call(new OrchestrationProcessor(instanceId, new InMemoryInstanceStore(Storage, instanceId), new Scheduler(this, instanceId), _stepper, TimeProvider.System));
        }
        finally
        {
            turn.Release();
        }
    }

    private void Register(string instanceId, string name, InMemoryStorage.Reminder reminder)
    {
        Storage.Reminders[(instanceId, name)] = reminder;
        Arm((instanceId, name), reminder);
    }

    private void Unregister(string instanceId, string name)
    {
        Storage.Reminders.TryRemove((instanceId, name), out _);
        if (_armed.TryRemove((instanceId, name), out var armed))
        {
            armed.Cancel();
        }
    }

    private void Arm((string InstanceId, string Name) key, InMemoryStorage.Reminder reminder)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_alive.Token);
        if (_armed.TryGetValue(key, out var previous))
        {
            previous.Cancel();
        }
        _armed[key] = cancellation;
        _ = Task.Run(async () =>
        {
            var due = reminder.DueAt;
            while (!cancellation.IsCancellationRequested)
            {
                var wait = due - DateTimeOffset.UtcNow;
                try
                {
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellation.Token);
                    await TurnAsync(key.InstanceId, async p => { await reminder.Fire(p); return true; });
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                due = DateTimeOffset.UtcNow + reminder.Period;
            }
        });
    }

    private sealed class Scheduler(InMemoryWorkflowHost host, string instanceId) : IInstanceScheduler
    {
        private static readonly TimeSpan Redelivery = TimeSpan.FromMilliseconds(500);

        public Task ScheduleRedeliveryAsync(CancellationToken cancellationToken)
        {
            host.Register(instanceId, "redelivery", new(DateTimeOffset.UtcNow + Redelivery, Redelivery, p => p.OnRedeliveryDueAsync(CancellationToken.None)));
            return Task.CompletedTask;
        }

        public Task CancelRedeliveryAsync(CancellationToken cancellationToken)
        {
            host.Unregister(instanceId, "redelivery");
            return Task.CompletedTask;
        }

        public Task RegisterTimerAsync(RegisterTimer timer, CancellationToken cancellationToken)
        {
            var due = new TimerDue(timer.ExecutionId, timer.TaskId);
            host.Register(instanceId, $"timer-{timer.ExecutionId}-{timer.TaskId}", new(timer.FireAt, Redelivery, p => p.OnTimerDueAsync(due, CancellationToken.None)));
            return Task.CompletedTask;
        }

        public Task CancelTimerAsync(string executionId, int taskId, CancellationToken cancellationToken)
        {
            host.Unregister(instanceId, $"timer-{executionId}-{taskId}");
            return Task.CompletedTask;
        }

        public void Dispatch(string instanceId, IReadOnlyList<OutboxMessage> messages) => host._dispatcher.Dispatch(instanceId, messages);
    }
}
