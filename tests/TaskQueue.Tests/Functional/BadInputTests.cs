using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>Every refusal is RFC 9457 problem+json with the right status.</summary>
public sealed class BadInputTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> InvalidTasks => new()
    {
        { """{"payload":1}""", "task_type" },
        { """{"task_type":"has space","payload":1}""", "task_type" },
        { """{"task_type":"ok"}""", "payload" },
        { """{"task_type":"ok","payload":1,"priority":11}""", "priority" },
        { """{"task_type":"ok","payload":1,"priority":0}""", "priority" },
        { """{"task_type":"ok","payload":1,"timeout_seconds":0}""", "timeout_seconds" },
        { """{"task_type":"ok","payload":1,"max_retries":-1}""", "max_retries" },
        { """{"task_type":"ok","payload":1,"retry_backoff":{"multiplier":0.5}}""", "retry_backoff" },
        { """{"task_type":"ok","payload":1,"dependency_failure":"ignore"}""", "dependency_failure" },
        { """{"task_type":"ok","payload":1,"dependencies":["not-an-id"]}""", "dependencies" },
    };

    [Theory]
    [MemberData(nameof(InvalidTasks))]
    public async Task Invalid_fields_are_named_in_a_400(string body, string field)
    {
        using var response = await Client.PostAsync("api/v1/tasks", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var response = await Client.PostAsync("api/v1/tasks", new StringContent("{\"task_type\":", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_payload_over_256_KB_is_a_413_problem()
    {
        var payload = new string('x', 256 * 1024);
        using var response = await Client.PostAsJsonAsync("api/v1/tasks", new { task_type = "big", payload });
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var fits = await Client.PostAsJsonAsync("api/v1/tasks", new { task_type = TaskApi.NewType("fits"), payload = payload[..(200 * 1024)] });
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task Unknown_tasks_are_404_problems()
    {
        using var get = await Client.GetAsync("api/v1/tasks/tqqqqqqqqqqqqqqqqqqqqqqqqqq");
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        using var malformed = await Client.GetAsync("api/v1/tasks/..%2F..%2Fetc");
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound);
        using var cancel = await Client.PostAsync("api/v1/tasks/tqqqqqqqqqqqqqqqqqqqqqqqqqq/cancel", null);
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Worker_calls_without_types_or_tokens_are_400_problems()
    {
        using var noTypes = await Client.PostAsync("api/v1/workers/w1/lease", null);
        await noTypes.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var badLease = await Client.PostAsync("api/v1/workers/w1/lease?types=a&lease_seconds=0", null);
        await badLease.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var noToken = await Client.PostAsJsonAsync("api/v1/workers/w1/complete", new { task_id = "tqqqqqqqqqqqqqqqqqqqqqqqqqq" });
        await noToken.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var push = await Client.PostAsJsonAsync("api/v1/workers/push", new { app_id = "worker", task_types = Array.Empty<string>() });
        await push.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Dead_letter_administration_needs_the_admin_key()
    {
        using var purge = await Client.DeleteAsync("api/v1/dlq");
        await purge.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Delete, "api/v1/dlq");
        wrong.Headers.Add("X-Admin-Key", "nope");
        using var refused = await Client.SendAsync(wrong);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var allowed = await fixture.Service.AdminClient().DeleteAsync("api/v1/dlq");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
