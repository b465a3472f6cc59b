using AmazonScale.FlashSale.Sales;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>GET /api/v1/bot-defence/stats (X-Admin-Key): what this instance refused since it started.</summary>
public static class BotDefenceApi
{
    public static IEndpointRouteBuilder MapBotDefenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/bot-defence/stats", GetBotDefenceStats).WithName(nameof(GetBotDefenceStats)).WithTags("Bot defence")
            .WithSummary("Refused queue joins of this instance by reason").AddEndpointFilter<AdminKeyFilter>();
        return app;
    }

    public static Ok<BotDefenceStats.Counts> GetBotDefenceStats(BotDefenceStats stats) => TypedResults.Ok(stats.Read());
}
