using System.Net.Http.Json;
using AmazonScale.FlashSale.Sales;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Reads a sale's status over and over while it runs; every reading must satisfy the invariant
/// (available + reserved + sold == units, nothing negative, sold ≤ units). Readings that fail because a process is
/// down (crash tests) are skipped: there is nothing to observe then.
/// </summary>
public static class InvariantObserver
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <returns>How many readings were checked.</returns>
    public static async Task<int> ObserveAsync(HttpClient admin, string saleId, int units, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            if (await TryReadAsync(admin, saleId) is { } status)
            {
                Assert.True(status.InvariantHolds, $"invariant broken: {status}");
                Assert.Equal(units, status.Available + status.Reserved + status.Sold);
                Assert.InRange(status.Sold, 0, units);
                Assert.True(status.Available >= 0 && status.Reserved >= 0, status.ToString());
                count++;
            }
            await Task.Delay(Interval, CancellationToken.None);
        }
        return count;
    }

    /// <summary>The sale's status, or null while the service cannot answer.</summary>
    public static async Task<SaleStatusResponse?> TryReadAsync(HttpClient admin, string saleId)
    {
        try
        {
            using var response = await admin.GetAsync($"api/v1/sales/{saleId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SaleStatusResponse>(SaleStack.Json) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
