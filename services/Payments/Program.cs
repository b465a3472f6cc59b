using AmazonScale.Payments;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPaymentsSandbox();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseDaprPubSub();
app.MapPaymentsApi();
app.Run();
