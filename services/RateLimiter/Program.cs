using AmazonScale.RateLimiter;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRateLimiterService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDaprPubSub();
app.MapActorsHandlers();
app.MapRateLimiterApi();
app.Run();
