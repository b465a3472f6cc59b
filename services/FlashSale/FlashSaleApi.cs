using AmazonScale.FlashSale.BotDefence;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Events;
using AmazonScale.FlashSale.Queue;
using AmazonScale.FlashSale.Reservations;
using AmazonScale.FlashSale.Sales;
using Microsoft.AspNetCore.HttpOverrides;

namespace AmazonScale.FlashSale;

public static class FlashSaleApi
{
    public static WebApplication MapFlashSaleApi(this WebApplication app)
    {
        // Client IPs for per-IP limits: X-Forwarded-For is honoured only from loopback proxies (the defaults).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
        var sales = app.MapGroup("/api/v1/sales").WithTags("Sales");
        sales.MapSalesApi().MapQueueApi().MapReservationApi().MapCheckoutApi();
        app.MapBotDefenceApi();
        app.MapPaymentEvents();
        app.MapOpenApi();
        return app;
    }
}
