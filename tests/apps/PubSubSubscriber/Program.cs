// A subscriber service run as its own process by the pub/sub crash test. It appends every order it
// handles to RECEIVED_FILE; with CRASH_ON_DELIVERY=true it records the attempt and kills itself
// (SIGKILL, no graceful shutdown) in the middle of its first delivery instead of answering.
using System.Diagnostics;
using Dapr;

var receivedFile = Environment.GetEnvironmentVariable("RECEIVED_FILE")
    ?? throw new InvalidOperationException("RECEIVED_FILE is required");
var crashOnDelivery = string.Equals(Environment.GetEnvironmentVariable("CRASH_ON_DELIVERY"), "true", StringComparison.OrdinalIgnoreCase);

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.UseCloudEvents();
app.MapSubscribeHandler();
app.MapPost("/orders", (Order order) =>
{
    if (crashOnDelivery)
    {
        File.AppendAllLines(receivedFile, [$"crashing {order.OrderId}"]);
        Process.GetCurrentProcess().Kill();
    }
    File.AppendAllLines(receivedFile, [$"handled {order.OrderId}"]);
    return Results.Ok();
}).WithTopic("pubsub", "orders");

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("subscriber started"));
app.Run();

internal sealed record Order(int OrderId);
