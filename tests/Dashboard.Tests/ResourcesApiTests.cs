using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Dashboard.Tests.Support;

namespace AmazonScale.Dashboard.Tests;

public sealed class ResourcesApiTests : IAsyncLifetime
{
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task Resources_list_every_snapshot_field_in_camel_case()
    {
        var resources = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/resources");

        Assert.Equal(["orders", "orders-dapr", "inventory"], resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var orders = resources[0];
        Assert.Equal("Project", orders.GetProperty("type").GetString());
        Assert.Equal("Running", orders.GetProperty("state").GetString());
        Assert.Equal("Healthy", orders.GetProperty("health").GetString());
        Assert.Equal(4242, orders.GetProperty("pid").GetInt32());
        Assert.Equal(["http://localhost:5100"], orders.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("orders", orders.GetProperty("environment").GetProperty("OTEL_SERVICE_NAME").GetString());
        Assert.Equal(["orders-dapr"], orders.GetProperty("references").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, orders.GetProperty("restartCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, orders.GetProperty("exitCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, resources[2].GetProperty("health").ValueKind);
    }

    [Fact]
    public async Task Console_logs_return_lines_after_the_given_sequence()
    {
        _dashboard.Resources.WriteConsole("orders", "listening on 5100");
        _dashboard.Resources.WriteConsole("orders", "crash!", isError: true);

        var all = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/resources/orders/logs");
        var newer = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/resources/orders/logs?after=1");

        Assert.Equal(["listening on 5100", "crash!"], all.EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        var line = Assert.Single(newer.EnumerateArray());
        Assert.Equal((2, true), (line.GetProperty("sequence").GetInt64(), line.GetProperty("isError").GetBoolean()));
    }

    [Fact]
    public async Task Commands_reach_the_orchestrator_and_change_state()
    {
        var stop = await _dashboard.Api.PostAsync("/api/resources/inventory/commands/stop", null);
        var restart = await _dashboard.Api.PostAsync("/api/resources/orders/commands/Restart", null);

        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, restart.StatusCode);
        Assert.Equal([("inventory", ResourceCommand.Stop), ("orders", ResourceCommand.Restart)], _dashboard.Resources.ReceivedCommands);
        var inventory = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/resources/inventory");
        Assert.Equal("Exited", inventory.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Resource_changes_are_pushed_as_server_sent_events()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stream = _dashboard.Api.GetAsync("/api/resources/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        // The subscription starts with the response, so keep changing the resource until the stream reports it.
        while (!stream.IsCompleted)
        {
            await _dashboard.Api.PostAsync("/api/resources/orders/commands/restart", null, timeout.Token);
            await Task.WhenAny(stream, Task.Delay(100, timeout.Token));
        }

        using var response = await stream;
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await _dashboard.Api.PostAsync("/api/resources/orders/commands/restart", null, timeout.Token);
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data:", StringComparison.Ordinal))
        {
        }

        var snapshot = JsonDocument.Parse(line!["data:".Length..]).RootElement;
        Assert.Equal("orders", snapshot.GetProperty("name").GetString());
        Assert.Equal("Running", snapshot.GetProperty("state").GetString());
        Assert.True(snapshot.GetProperty("restartCount").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("/api/resources/orders/commands/explode", HttpStatusCode.BadRequest)]
    [InlineData("/api/resources/orders/commands/42", HttpStatusCode.BadRequest)]
    [InlineData("/api/resources/ghost/commands/start", HttpStatusCode.NotFound)]
    [InlineData("/api/resources/orders/commands/start", HttpStatusCode.Conflict)]
    public async Task Invalid_commands_get_problem_json(string path, HttpStatusCode expected)
    {
        var response = await _dashboard.Api.PostAsync(path, null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/resources/ghost")]
    [InlineData("/api/resources/ghost/logs")]
    [InlineData("/api/traces/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/metrics/ghost")]
    [InlineData("/api/metrics/ghost/meter/instrument")]
    [InlineData("/api/no-such-endpoint")]
    public async Task Unknown_things_get_404_problem_json(string path)
    {
        var response = await _dashboard.Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/traces?limit=0")]
    [InlineData("/api/logs?level=Loud")]
    [InlineData("/api/logs?limit=999999")]
    [InlineData("/api/resources/orders/logs?after=-1")]
    public async Task Invalid_query_values_get_400_problem_json(string path)
    {
        var response = await _dashboard.Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
