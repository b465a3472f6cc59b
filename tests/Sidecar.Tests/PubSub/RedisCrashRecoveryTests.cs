using System.Globalization;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// At-least-once across crashes with pubsub.redis: the subscriber service (a separate process) kills
/// itself in the middle of handling a message, its sidecar process is then killed with -9 too, and after
/// both restart the message is delivered from the Redis pending list.
/// </summary>
public sealed class RedisCrashRecoveryTests
{
    private const string AppId = "crashy";

    [SkippableFact]
    public async Task A_message_whose_delivery_was_cut_by_a_crash_is_delivered_after_restart()
    {
        using var backend = await RedisBackend.StartAsync();
        using var resources = new ResourcesFolder();
        resources.Write("pubsub.yaml", backend.ComponentYaml());
        var receivedFile = Path.Combine(resources.Root, "received.txt");

        using (var crashingApp = StartSubscriber(receivedFile, crashOnDelivery: true, out var crashingPort))
        using (var firstSidecar = await SidecarProcess.StartAsync(AppId, resources, crashingPort))
        {
            await using var publisher = await SidecarUnderTest.StartAsync("publisher", resources);
            using var client = publisher.CreateClient();
            await client.PublishEventAsync("pubsub", "orders", new { orderId = 77 });

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await crashingApp.WaitForExitAsync(timeout.Token);
            Assert.Equal(["crashing 77"], await File.ReadAllLinesAsync(receivedFile));
            firstSidecar.KillHard();
        }

        using var restartedApp = StartSubscriber(receivedFile, crashOnDelivery: false, out var port);
        using var restartedSidecar = await SidecarProcess.StartAsync(AppId, resources, port);
        await WaitForLineAsync(receivedFile, "handled 77", TimeSpan.FromSeconds(30), restartedSidecar);
    }

    private static ChildProcess StartSubscriber(string receivedFile, bool crashOnDelivery, out int port)
    {
        port = FreePort.Next();
        return new ChildProcess("dotnet", [BuiltArtifacts.PubSubSubscriberAssembly], new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["RECEIVED_FILE"] = receivedFile,
            ["CRASH_ON_DELIVERY"] = crashOnDelivery ? "true" : "false",
        });
    }

    private static async Task WaitForLineAsync(string file, string line, TimeSpan timeout, SidecarProcess sidecar)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(file) && (await File.ReadAllLinesAsync(file)).Contains(line))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{line}' never reached {file}; sidecar output:\n{sidecar.Output}");
    }
}
