using System.Globalization;

namespace AmazonScale.FlashSale.Actors;

/// <summary>The reservation id customers see: "{shard}-{id in shard}", so any instance can route it without a lookup.</summary>
public static class PublicReservationId
{
    public static string Format(int shard, string id) => $"{shard.ToString(CultureInfo.InvariantCulture)}-{id}";

    public static bool TryParse(string? text, out int shard, out string id)
    {
        (shard, id) = (0, "");
        var dash = text?.IndexOf('-') ?? -1;
        if (dash <= 0 || !int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out shard))
        {
            return false;
        }
        id = text![(dash + 1)..];
        return id.Length > 0;
    }
}
