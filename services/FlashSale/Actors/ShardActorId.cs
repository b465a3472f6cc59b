using System.Globalization;

namespace AmazonScale.FlashSale.Actors;

public static class ShardActorId
{
    public static string For(string saleId, int shard) => $"{saleId}:{shard.ToString(CultureInfo.InvariantCulture)}";

    public static (string SaleId, int Shard) Parse(string actorId)
    {
        var colon = actorId.LastIndexOf(':');
        return (actorId[..colon], int.Parse(actorId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
