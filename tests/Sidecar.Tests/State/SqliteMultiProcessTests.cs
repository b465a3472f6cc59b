using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>
/// Two sidecar processes (replicas of one app) share one SQLite file, as two daprd would: concurrent writers
/// wait on the database lock (WAL + busy_timeout + BEGIN IMMEDIATE) and no write is lost.
/// </summary>
public sealed class SqliteMultiProcessTests : IDisposable
{
    private const int WritesPerProcess = 12;
    private readonly ResourcesFolder _resources = new();
    private readonly List<SidecarProcess> _processes = [];

    [Fact]
    public async Task Two_sidecar_processes_sharing_a_database_lose_no_writes()
    {
        var database = Path.Combine(_resources.Root, "shared.db");
        _resources.Write("statestore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.sqlite
              version: v1
              metadata:
              - name: connectionString
                value: "{database}"
              - name: busyTimeout
                value: "10s"
            """);
        var starting = new[]
        {
            SidecarProcess.StartAsync("replicated", _resources),
            SidecarProcess.StartAsync("replicated", _resources),
        };
        await Task.WhenAll(starting.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        // Register every process that did start for disposal before failing on one that did not: no orphans.
        _processes.AddRange(starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        var (first, second) = (await starting[0], await starting[1]);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        await firstClient.SaveStateAsync("statestore", "counter", 0);

        await Task.WhenAll(
            WriteAsync(firstClient, "first"),
            WriteAsync(secondClient, "second"));

        Assert.Equal(2 * WritesPerProcess, await secondClient.GetStateAsync<int>("statestore", "counter"));
        var keys = Enumerable.Range(0, WritesPerProcess).SelectMany(i => new[] { $"first-{i}", $"second-{i}" }).ToList();
        var items = await firstClient.GetBulkStateAsync<int>("statestore", keys, parallelism: 4);
        Assert.All(items, item => Assert.Equal(int.Parse(item.Key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture), item.Value));
    }

    private static async Task WriteAsync(Dapr.Client.DaprClient client, string writer)
    {
        await Task.WhenAll(Enumerable.Range(0, WritesPerProcess).Select(async i =>
        {
            await client.SaveStateAsync("statestore", $"{writer}-{i}", i);
            await StateCounter.IncrementAsync(client, "statestore", "counter");
        }));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _resources.Dispose();
    }
}
