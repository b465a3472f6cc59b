using System.Text;

namespace AmazonScale.Sidecar.Actors.Reminders;

/// <summary>
/// Which slice of an actor type's reminder index holds an actor's reminders. The hash must be the same in
/// every sidecar process (string.GetHashCode is randomised per process), so it is FNV-1a over the UTF-8 id.
/// </summary>
public static class ReminderIndexPartition
{
    /// <summary>Fixed forever for a given store: changing it would strand entries in partitions nobody reads.</summary>
    public const int Count = 32;

    public static int Of(string actorId)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(actorId))
        {
            hash = unchecked((hash ^ b) * prime);
        }
        return (int)(hash % Count);
    }
}
