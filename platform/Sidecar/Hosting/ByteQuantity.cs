using System.Globalization;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>Kubernetes-style quantities (Ki, Mi, Gi, k, M, G) as daprd's size flags accept them.</summary>
public static class ByteQuantity
{
    private static readonly (string Suffix, long Multiplier)[] Suffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30),
        ("k", 1_000), ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000),
    ];

    public static long? Parse(string text)
    {
        foreach (var (suffix, multiplier) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return long.TryParse(text[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n * multiplier
                    : null;
            }
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
    }
}
