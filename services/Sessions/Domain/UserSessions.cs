namespace AmazonScale.Sessions.Domain;

/// <summary>
/// A user's open sessions (oldest first) and the devices they logged in from before. Enforces the per-user session
/// cap by naming the oldest sessions to evict, and recognises logins from new devices. Evicted sessions stay listed
/// until they have actually ended (their actor then removes them): an eviction that failed half-way is retried by the
/// next login instead of leaving a live session nobody can find.
/// </summary>
public sealed record UserSessions(IReadOnlyList<UserSessionEntry> Sessions, IReadOnlyList<string> KnownDevices)
{
    /// <summary>Device ids remembered for new-device detection (most recent first).</summary>
    public const int MaxKnownDevices = 32;

    public static readonly UserSessions Empty = new([], []);

    public UserRegistration Register(UserSessionEntry entry, int maxSessions, DateTimeOffset now)
    {
        var live = Live(now).Where(existing => existing.SessionId != entry.SessionId).ToList();
        var overflow = Math.Max(0, live.Count + 1 - maxSessions);
        var evicted = live.Take(overflow).Select(existing => existing.SessionId).ToList();
        // A user's very first login is not a "new device" signal: there is nothing to compare it with.
        var isNewDevice = KnownDevices.Count > 0 && !KnownDevices.Contains(entry.Device.Id, StringComparer.Ordinal);
        var devices = new[] { entry.Device.Id }.Concat(KnownDevices.Where(id => id != entry.Device.Id)).Take(MaxKnownDevices).ToList();
        return new UserRegistration(new UserSessions([.. live, entry], devices), evicted, isNewDevice);
    }

    public UserSessions Remove(string sessionId) => this with { Sessions = Sessions.Where(entry => entry.SessionId != sessionId).ToList() };

    /// <summary>Entries past their absolute expiry are dropped even if the session's own cleanup never reported back.</summary>
    public IReadOnlyList<UserSessionEntry> Live(DateTimeOffset now) => Sessions.Where(entry => entry.ExpiresAt > now).ToList();
}

/// <summary>The index after a login, the sessions it pushed out (to be revoked) and whether an existing user logged in from an unseen device.</summary>
public sealed record UserRegistration(UserSessions Updated, IReadOnlyList<string> Evicted, bool IsNewDevice);
