using AmazonScale.Samples.TaskWorker;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var options = builder.Configuration.GetSection(TaskWorkerOptions.Section).Get<TaskWorkerOptions>() ?? new TaskWorkerOptions();
builder.Services.AddSingleton(options);
builder.Services.AddHostedService<QueueRegistration>();

var app = builder.Build();
app.MapDefaultEndpoints();
// The queue pushes each task here through its Dapr sidecar; the answer settles the task.
app.MapPost("/tasks", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var task = await request.ReadFromJsonAsync<PushedTask>(QueueRegistration.Json, cancellationToken);
    return task is null
        ? Results.Problem(statusCode: 400, title: "Invalid task", detail: "Expected a pushed task as JSON.")
        : Results.Json(await TaskHandlers.RunAsync(task, cancellationToken), QueueRegistration.Json);
});
app.Run();
