using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>/api/v1/workflows/{id} as the hosting service maps it: state as JSON, control operations, problem+json errors.</summary>
public sealed class WorkflowHttpApiTests(SidecarWorkflowFixture fixture) : IClassFixture<SidecarWorkflowFixture>
{
    private HttpClient Http => fixture.Node.Http;

    private DaprWorkflowClient Client => fixture.Node.Client;

    [Fact]
    public async Task Get_returns_status_input_output_and_timestamps()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "http-get", "h");
        await WaitForCompletionAsync(id);

        using var response = await Http.GetAsync($"api/v1/workflows/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("\"h+0+1+2\"", body.GetProperty("serializedOutput").GetString());
        Assert.Equal("\"h\"", body.GetProperty("serializedInput").GetString());
        Assert.Equal(nameof(ChainWorkflow), body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("lastUpdatedAt").GetDateTimeOffset() >= body.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Raising_an_event_over_http_resumes_the_workflow()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "http-event", 60_000);

        using var response = await Http.PostAsJsonAsync($"api/v1/workflows/{id}/events/approval", "http-user");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("approved by http-user", (await WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspend_resume_and_terminate_over_http()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "http-control", 60_000);

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"api/v1/workflows/{id}/suspend", null)).StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await Client.GetWorkflowStateAsync(id)).RuntimeStatus);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"api/v1/workflows/{id}/resume", null)).StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Running, (await Client.GetWorkflowStateAsync(id)).RuntimeStatus);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"api/v1/workflows/{id}/terminate", null)).StatusCode);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, (await WaitForCompletionAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Purge_over_http_refuses_running_instances_with_409_then_deletes_finished_ones()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "http-purge", 60_000);

        using var running = await Http.DeleteAsync($"api/v1/workflows/{id}");
        await AssertProblemAsync(running, HttpStatusCode.Conflict);

        await Client.TerminateWorkflowAsync(id);
        await WaitForCompletionAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"api/v1/workflows/{id}")).StatusCode);
        await AssertProblemAsync(await Http.GetAsync($"api/v1/workflows/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "api/v1/workflows/nobody", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/v1/workflows/nobody/terminate", HttpStatusCode.NotFound)]
    [InlineData("POST", "api/v1/workflows/nobody/events/x", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/v1/workflows/bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("POST", "api/v1/workflows/bad%20id/suspend", HttpStatusCode.BadRequest)]
    public async Task Errors_are_problem_details(string method, string path, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task Event_body_that_is_not_json_is_a_bad_request()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "http-bad-event", 60_000);

        using var response = await Http.PostAsync($"api/v1/workflows/{id}/events/approval", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Event_body_over_the_limit_is_refused_with_413()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "http-big-event", 60_000);
        var tooBig = new string('x', WorkflowEndpoints.MaxEventBytes);

        using var response = await Http.PostAsJsonAsync($"api/v1/workflows/{id}/events/approval", tooBig);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(WorkflowRuntimeStatus.Running, (await Client.GetWorkflowStateAsync(id)).RuntimeStatus);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    private async Task<WorkflowState> WaitForCompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
    }
}
