using System.Globalization;

namespace AmazonScale.FlashSale.Actors;

public static class ShardActorId
{
    public static string For(string saleId, int shard) => $"{saleId}:{shard.ToString(CultureInfo.InvariantCulture)}";
}
