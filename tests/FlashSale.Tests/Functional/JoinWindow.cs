using System.Globalization;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// The join limits are epoch-aligned fixed windows (exact across instances, for the shared and the local limiter alike),
/// so a round of joins that straddles a window boundary is rightly counted afresh after it. Tests whose outcome depends
/// on counts in one window repeat such a round; the round number lets it use a new customer or network.
/// </summary>
public static class JoinWindow
{
    public static async Task<T> WithinOneWindowAsync<T>(Func<int, Task<T>> round)
    {
        var window = TimeSpan.Parse(SaleStack.FlashSaleSettings(botDefence: true)["FlashSale:BotDefence:Window"]!, CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var firstWindow = DateTimeOffset.UtcNow.Ticks / window.Ticks;
            var outcome = await round(attempt);
            if (DateTimeOffset.UtcNow.Ticks / window.Ticks == firstWindow || attempt == 2)
            {
                return outcome;
            }
        }
    }
}
