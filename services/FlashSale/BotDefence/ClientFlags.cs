using System.Collections.Concurrent;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>Clients (IPs, customer ids) that hit a limit recently and must solve a challenge to join; per instance.</summary>
public sealed class ClientFlags(BotDefenceOptions options, TimeProvider clock)
{
    private const int MaxFlags = 500_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Flag(params string[] clients)
    {
        var now = clock.GetUtcNow();
        if (_until.Count >= MaxFlags)
        {
            foreach (var expired in _until.Where(entry => entry.Value <= now))
            {
                _until.TryRemove(expired);
            }
        }
        foreach (var client in clients)
        {
            _until[client] = now + options.FlagDuration;
        }
    }

    public bool IsFlagged(string client) => _until.TryGetValue(client, out var until) && until > clock.GetUtcNow();
}
