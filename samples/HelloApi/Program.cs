using AmazonScale.Samples.HelloApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGreetingsApi();
app.Run();
