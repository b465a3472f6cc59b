using AmazonScale.Samples.HelloWeb;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddGreetingsClient();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapHelloApi();
app.Run();
