using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AmazonScale.TestActorHost.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>The sidecar's actor HTTP API as the SDKs use it: state reads, transactions, reminder and timer validation, metadata.</summary>
public sealed class ActorApiTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private HttpClient Http => fixture.Node.Sidecar.Http;

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errorCode").GetString()!;
    }

    [Fact]
    public async Task State_written_by_the_sdk_is_read_back_raw_and_missing_keys_answer_204()
    {
        await fixture.Node.Proxy<ICounterActor>("state-1", nameof(CounterActor)).IncrementAsync(3);

        using var found = await Http.GetAsync("v1.0/actors/CounterActor/state-1/state/count");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("application/json", found.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3", await found.Content.ReadAsStringAsync());

        using var missing = await Http.GetAsync("v1.0/actors/CounterActor/state-1/state/nothing");
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
    }

    [Fact]
    public async Task Transaction_sent_as_text_plain_upserts_and_deletes()
    {
        const string Upsert = """[{"operation":"upsert","request":{"key":"a","value":{"x":1}}},{"operation":"upsert","request":{"key":"b","value":"v"}}]""";
        using (var saved = await Http.PutAsync("v1.0/actors/CounterActor/tx-1/state", new StringContent(Upsert, Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
        const string Delete = """[{"operation":"delete","request":{"key":"b"}}]""";
        using (var deleted = await Http.PostAsync("v1.0/actors/CounterActor/tx-1/state", new StringContent(Delete, Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal("""{"x":1}""", await Http.GetStringAsync("v1.0/actors/CounterActor/tx-1/state/a"));
        using var gone = await Http.GetAsync("v1.0/actors/CounterActor/tx-1/state/b");
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
    }

    [Fact]
    public async Task State_ttl_without_the_ActorStateTTL_feature_is_rejected()
    {
        const string WithTtl = """[{"operation":"upsert","request":{"key":"a","value":1,"metadata":{"ttlInSeconds":"5"}}}]""";
        using var response = await Http.PutAsync("v1.0/actors/CounterActor/ttl-1/state", new StringContent(WithTtl, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ActorStateTTL", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_transaction_is_400()
    {
        using var response = await Http.PutAsync("v1.0/actors/CounterActor/bad-1/state", new StringContent("{not json", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_MALFORMED_REQUEST", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("reminders", """{"dueTime":"whenever"}""")]
    [InlineData("reminders", """{"dueTime":"1s","period":"R0/PT1S"}""")]
    [InlineData("reminders", """{"dueTime":"1s","ttl":"2000-01-01T00:00:00Z"}""")]
    [InlineData("timers", """{"dueTime":"1s","period":"every second","callback":"OnTimerAsync"}""")]
    [InlineData("timers", """{"dueTime":"R2/PT1S","callback":"OnTimerAsync"}""")]
    public async Task Malformed_durations_are_400(string kind, string body)
    {
        using var response = await Http.PutAsync($"v1.0/actors/ReminderActor/bad-time/{kind}/x", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_MALFORMED_REQUEST", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Reminder_registration_is_echoed_verbatim_and_unknown_reminders_are_404()
    {
        const string Registration = """{"dueTime":"PT1H","period":"R5/PT10S","ttl":"0h2m0s0ms","data":{"any":["json"]}}""";
        using (var created = await Http.PutAsync("v1.0/actors/ReminderActor/echo-1/reminders/later", new StringContent(Registration, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        }
        var reminder = await Http.GetFromJsonAsync<JsonElement>("v1.0/actors/ReminderActor/echo-1/reminders/later");
        Assert.Equal("PT1H", reminder.GetProperty("dueTime").GetString());
        Assert.Equal("R5/PT10S", reminder.GetProperty("period").GetString());
        Assert.Equal("0h2m0s0ms", reminder.GetProperty("ttl").GetString());
        Assert.Equal("""{"any":["json"]}""", reminder.GetProperty("data").GetRawText());

        using (var deleted = await Http.DeleteAsync("v1.0/actors/ReminderActor/echo-1/reminders/later"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var missing = await Http.GetAsync("v1.0/actors/ReminderActor/echo-1/reminders/later");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ERR_ACTOR_REMINDER_NOT_FOUND", await ErrorCodeAsync(missing));
    }

    [Fact]
    public async Task Reminders_for_types_this_sidecar_does_not_host_are_403()
    {
        using var response = await Http.PutAsync("v1.0/actors/Elsewhere/1/reminders/r", new StringContent("""{"dueTime":"1s"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ERR_ACTOR_REMINDER_NON_HOSTED", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Metadata_reports_the_running_actor_runtime_and_active_actors()
    {
        await fixture.Node.Proxy<ICounterActor>("meta-1", nameof(CounterActor)).IncrementAsync(1);
        var metadata = await Http.GetFromJsonAsync<JsonElement>("v1.0/metadata");
        var runtime = metadata.GetProperty("actorRuntime");
        Assert.Equal("RUNNING", runtime.GetProperty("runtimeStatus").GetString());
        var types = runtime.GetProperty("activeActors").EnumerateArray().ToDictionary(a => a.GetProperty("type").GetString()!, a => a.GetProperty("count").GetInt32());
        Assert.Equal(["BankAccountActor", "CounterActor", "PingActor", "PongActor", "ReminderActor", "TimerActor"], types.Keys.Order());
        Assert.True(types["CounterActor"] >= 1);
    }
}
