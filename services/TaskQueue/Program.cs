using AmazonScale.TaskQueue;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTaskQueue();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapActorsHandlers();
app.MapTaskQueueApi();
app.Run();
