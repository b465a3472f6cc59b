using AmazonScale.Sessions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSessionsService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDaprPubSub();
app.MapActorsHandlers();
app.MapSessionsApi();
app.Run();
