using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Dashboard.Tests.Support;

/// <summary>An orchestrator double: three running resources whose state follows the commands it receives.</summary>
public sealed class FakeResourceService : IResourceService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceSnapshot> _resources;
    private readonly Dictionary<string, List<ConsoleLogLine>> _logs = new(StringComparer.OrdinalIgnoreCase);

    public FakeResourceService()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        _resources = new Dictionary<string, ResourceSnapshot>(StringComparer.OrdinalIgnoreCase)
        {
            ["orders"] = new("orders", "Project", "Running", "Healthy", 4242, started, ["http://localhost:5100"],
                new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "orders", ["ConnectionStrings__db"] = "secret-connection" },
                ["orders-dapr"], 0, null),
            ["orders-dapr"] = new("orders-dapr", "Sidecar", "Running", "Healthy", 4243, started, ["http://localhost:3500"],
                new Dictionary<string, string>(), [], 0, null),
            ["inventory"] = new("inventory", "Project", "Running", null, 4244, started, ["http://localhost:5200"],
                new Dictionary<string, string>(), ["orders"], 0, null),
        };
        foreach (var name in _resources.Keys)
        {
            _logs[name] = [];
        }
    }

    public event Action<ResourceSnapshot>? ResourceChanged;

    public List<(string Resource, ResourceCommand Command)> ReceivedCommands { get; } = [];

    public void WriteConsole(string resource, string text, bool isError = false)
    {
        lock (_gate)
        {
            var lines = _logs[resource];
            lines.Add(new ConsoleLogLine(lines.Count + 1, DateTimeOffset.UtcNow, text, isError));
        }
    }

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_gate)
        {
            return [.. _resources.Values];
        }
    }

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, long afterSequence = 0)
    {
        lock (_gate)
        {
            return _logs.TryGetValue(resourceName, out var lines) ? [.. lines.Where(l => l.Sequence > afterSequence)] : [];
        }
    }

    public Task<bool> ExecuteCommandAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken)
    {
        ResourceSnapshot updated;
        lock (_gate)
        {
            ReceivedCommands.Add((resourceName, command));
            if (!_resources.TryGetValue(resourceName, out var current))
            {
                return Task.FromResult(false);
            }

            var running = current.State == "Running";
            if ((command == ResourceCommand.Start && running) || (command == ResourceCommand.Stop && !running))
            {
                return Task.FromResult(false);
            }

            updated = command switch
            {
                ResourceCommand.Stop => current with { State = "Exited", Pid = null, ExitCode = 0 },
                ResourceCommand.Restart => current with { State = "Running", RestartCount = current.RestartCount + 1 },
                _ => current with { State = "Running", ExitCode = null },
            };
            _resources[resourceName] = updated;
        }

        ResourceChanged?.Invoke(updated);
        return Task.FromResult(true);
    }
}
