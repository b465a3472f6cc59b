using System.Text.RegularExpressions;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// The shapes of ids. Neither may contain ':' or '|' (they are joined with those in actor ids and tokens); sale ids
/// may not contain '-' either, which separates parts of payment ids.
/// </summary>
public static partial class Ids
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_]{0,39}\\z")]
    public static partial Regex Sale();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}\\z")]
    public static partial Regex Customer();
}
