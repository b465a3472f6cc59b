using System.Security.Cryptography;
using System.Text;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Sales;

/// <summary>Turns a create request into a definition, applying defaults, or lists every invalid field.</summary>
public static class SaleValidation
{
    public const int MaxUnits = 1_000_000;
    public const int MaxShards = 64;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <param name="idempotencyKey">Names the sale when the request does not, so a retried create finds the first one.</param>
    public static Dictionary<string, string[]> Validate(CreateSaleRequest request, string? idempotencyKey, DateTimeOffset now, out SaleDefinition? sale)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool valid, string field, string error)
        {
            if (!valid)
            {
                errors[field] = [error];
            }
        }

        var id = request.Id ?? (idempotencyKey is { Length: > 0 } key ? IdFromKey(key) : $"s{RandomNumberGenerator.GetHexString(16, lowercase: true)}");
        Check(Ids.Sale().IsMatch(id), "id", "id must be 1-40 lowercase letters, digits or '_' (starting with a letter or digit).");
        Check(request.Sku is { Length: > 0 and <= 64 }, "sku", "sku is required (1-64 characters).");
        Check(request.Units is > 0 and <= MaxUnits, "units", $"units must be 1-{MaxUnits}.");
        Check(request.Price is > 0 and <= 1_000_000, "price", "price must be more than 0 and at most 1,000,000.");
        var currency = request.Currency ?? "USD";
        Check(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper), "currency", "currency must be an ISO 4217 code such as USD.");
        var startsAt = request.StartsAt ?? now;
        var endsAt = request.EndsAt ?? startsAt.AddHours(1);
        Check(endsAt > startsAt && endsAt - startsAt <= MaxDuration && endsAt > now, "ends_at", "ends_at must be after starts_at and now, at most 7 days after starts_at.");
        var limit = request.PerCustomerLimit ?? 1;
        Check(limit is >= 1 and <= 10, "per_customer_limit", "per_customer_limit must be 1-10.");
        var ttl = request.ReservationTtlSeconds ?? 300;
        Check(ttl is >= 1 and <= 3600, "reservation_ttl_seconds", "reservation_ttl_seconds must be 1-3600.");
        var shards = request.Shards ?? Math.Clamp((request.Units ?? 1) / 100, 1, 16);
        Check(shards >= 1 && shards <= MaxShards && shards <= (request.Units ?? 1), "shards", $"shards must be 1-{MaxShards} and at most units.");
        var batch = request.AdmissionBatchSize ?? 100;
        Check(batch is >= 1 and <= 100_000, "admission_batch_size", "admission_batch_size must be 1-100000.");
        var interval = request.AdmissionIntervalSeconds ?? 1;
        Check(interval is >= 0.05 and <= 60, "admission_interval_seconds", "admission_interval_seconds must be 0.05-60.");
        var window = request.AdmissionWindowSeconds ?? 120;
        Check(window is >= 1 and <= 3600, "admission_window_seconds", "admission_window_seconds must be 1-3600.");
        Check(request.QueueMode is null or QueueMode.Fifo or QueueMode.Shuffled, "queue_mode", "queue_mode must be fifo or shuffled.");

        sale = errors.Count > 0 ? null : new SaleDefinition(
            id, request.Sku!, request.Units!.Value, request.Price!.Value, currency, startsAt, endsAt, limit, TimeSpan.FromSeconds(ttl),
            request.QueueMode ?? QueueMode.Fifo, shards, batch, TimeSpan.FromSeconds(interval), TimeSpan.FromSeconds(window));
        return errors;
    }

    private static string IdFromKey(string key) => $"k{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24]}";
}
