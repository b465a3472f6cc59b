using System.Text;

namespace AmazonScale.FlashSale.Domain;

/// <summary>FNV-1a over UTF-8: the same value in every process and run (string.GetHashCode is randomised per process).</summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
