using System.Net;
using System.Text.Json;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>Sessions live in the actor state store, not in the process: a restart of service and sidecar loses none.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = SessionsInstance.LocalComponents();
    private SessionsInstance? _instance;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sessions_survive_a_restart_of_the_service_and_its_sidecar_on_the_same_store()
    {
        var userId = SingleInstanceFixture.NewUserId();
        _instance = await SessionsInstance.StartAsync(_resources);
        var kept = await _instance.Admin.OpenAsync(userId, "phone");
        var rotated = await _instance.Client.RefreshOkAsync((await _instance.Admin.OpenAsync(userId, "laptop")).RefreshToken);

        await _instance.DisposeAsync();
        _instance = await SessionsInstance.StartAsync(_resources);

        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(kept.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(rotated.AccessToken));
        var next = await _instance.Client.RefreshOkAsync(kept.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(next.AccessToken));
        var list = await _instance.BearerClient(next.AccessToken).GetStringAsync($"api/v1/users/{userId}/sessions");
        Assert.Equal(2, JsonDocument.Parse(list).RootElement.GetProperty("sessions").GetArrayLength());
        using var debug = await _instance.Admin.GetAsync($"api/v1/sessions/{rotated.SessionId}/debug");
        Assert.Equal(2, (await debug.ReadJsonAsync()).GetProperty("generation").GetInt32());
    }

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
        _resources.Dispose();
    }
}
