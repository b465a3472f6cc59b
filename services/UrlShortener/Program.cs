using AmazonScale.UrlShortener;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddUrlShortener();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseDaprPubSub();
app.MapUrlShortenerApi();

app.Run();
