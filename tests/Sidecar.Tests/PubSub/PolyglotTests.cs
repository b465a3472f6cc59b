using System.Diagnostics;
using System.Text.Json;
using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// Another language against the same sidecar: a Node script using the official @dapr/dapr SDK (HTTP)
/// saves and reads state and publishes an event; a C# Dapr.AspNetCore subscriber behind another sidecar
/// receives it, and DaprClient reads the state the script wrote. Skips without node (fails under CI=true).
/// </summary>
public sealed class PolyglotTests
{
    private const string StateStoreYaml = """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: statestore
        spec:
          type: state.in-memory
          version: v1
        """;

    private static readonly string ScriptFolder = Path.Combine(BuiltArtifacts.RepositoryRoot, "tests", "polyglot");

    [SkippableFact]
    public async Task Node_sdk_saves_state_and_publishes_to_a_csharp_subscriber()
    {
        var node = Infrastructure.Require("node", "apt-get install -y nodejs npm");
        await EnsureNodeModulesAsync();
        await using var world = PubSubWorld.Create(new InMemoryBackend());
        world.Resources.Write("statestore.yaml", StateStoreYaml);
        await world.StartSubscriberAsync();
        var nodeSidecar = await world.StartPublisherAsync("node-app");

        using var script = new ChildProcess(node, [Path.Combine(ScriptFolder, "state-and-publish.mjs")],
            new Dictionary<string, string?> { ["DAPR_HTTP_PORT"] = nodeSidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ScriptFolder);
        await script.WaitForOutputAsync("polyglot ok", TimeSpan.FromSeconds(60));

        var received = Assert.Single(await world.Recorder.WaitForAsync("orders"));
        Assert.Equal("node-app", received.Attribute("source"));
        Assert.Equal("application/json", received.Attribute("datacontenttype"));
        Assert.Equal(7, JsonDocument.Parse(received.Body).RootElement.GetProperty("orderId").GetInt32());
        using var client = nodeSidecar.CreateClient();
        var stored = await client.GetStateAsync<JsonElement>("statestore", "polyglot-order");
        Assert.Equal("node", stored.GetProperty("from").GetString());
    }

    /// <summary>CI installs the pinned packages with npm ci; a developer run does it on first use.</summary>
    private static async Task EnsureNodeModulesAsync()
    {
        if (Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "@dapr", "dapr")))
        {
            return;
        }
        var npm = Infrastructure.Require("npm", "apt-get install -y npm");
        using var install = Process.Start(new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = ScriptFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        Assert.True(install.ExitCode == 0, $"npm ci failed: {await output}{await error}");
    }
}
