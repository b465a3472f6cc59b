using AmazonScale.FlashSale;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFlashSale();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDaprPubSub();
app.MapActorsHandlers();
app.MapFlashSaleApi();
app.Run();
