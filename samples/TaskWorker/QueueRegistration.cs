using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;

namespace AmazonScale.Samples.TaskWorker;

/// <summary>
/// Registers this app with the task queue through Dapr service invocation (so the queue may start later: it retries
/// with back-off until the queue answers), presenting its worker key, then the queue pushes tasks of these types to POST /tasks.
/// </summary>
public sealed partial class QueueRegistration(TaskWorkerOptions options, IConfiguration configuration, ILogger<QueueRegistration> logger) : BackgroundService
{
    public const string WorkerKeyHeader = "X-Worker-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = DaprClient.CreateInvokeHttpClient(options.QueueAppId, $"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}",
            configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null);
        if (options.WorkerKey is { Length: > 0 } workerKey)
        {
            client.DefaultRequestHeaders.Add(WorkerKeyHeader, workerKey);
        }
        var appId = options.AppId ?? configuration["APP_ID"] ?? configuration["OTEL_SERVICE_NAME"] ?? "task-worker";
        var body = new { app_id = appId, task_types = options.EffectiveTaskTypes, method = "tasks", max_concurrency = options.MaxConcurrency };
        var wait = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.PostAsJsonAsync("api/v1/workers/push", body, Json, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    LogRegistered(appId, options.QueueAppId);
                    return;
                }
                LogNotYet((int)response.StatusCode);
            }
            catch (HttpRequestException ex)
            {
                LogNotYet(ex.StatusCode is { } status ? (int)status : 0);
            }
            await Task.Delay(wait, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "registered {AppId} as a push worker of {QueueAppId}")]
    private partial void LogRegistered(string appId, string queueAppId);

    [LoggerMessage(Level = LogLevel.Information, Message = "task queue not reachable yet (status {Status}); retrying")]
    private partial void LogNotYet(int status);
}
