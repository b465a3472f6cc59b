using System.Net;
using System.Text;
using System.Text.Json;
using AmazonScale.TestActorHost.Actors;
using AmazonScale.TestSupport.Sidecar;
using Dapr.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Without a state component marked actorStateStore, actor state and reminders fail with daprd's clear error.</summary>
public sealed class MissingActorStoreTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private ActorNode _node = null!;

    public async Task InitializeAsync() => _node = await ActorNode.StartAsync(_resources);

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task State_and_reminder_calls_answer_ERR_ACTOR_RUNTIME_NOT_FOUND()
    {
        using var state = await _node.Sidecar.Http.GetAsync("v1.0/actors/CounterActor/1/state/count");
        using var reminder = await _node.Sidecar.Http.PutAsync("v1.0/actors/ReminderActor/1/reminders/r",
            new StringContent("""{"dueTime":"1s"}""", Encoding.UTF8, "application/json"));
        foreach (var response in new[] { state, reminder })
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("ERR_ACTOR_RUNTIME_NOT_FOUND", body.RootElement.GetProperty("errorCode").GetString());
            Assert.Contains("actorStateStore", body.RootElement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task An_actor_saving_state_surfaces_the_error_to_the_caller()
    {
        var counter = _node.Proxy<ICounterActor>("1", nameof(CounterActor));
        var error = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => counter.IncrementAsync(1));
        Assert.Contains("actorStateStore", error.ToString());
    }
}
