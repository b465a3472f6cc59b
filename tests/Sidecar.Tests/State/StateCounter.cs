using Dapr.Client;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>The optimistic-concurrency loop services use: read with ETag, TrySave, retry on conflict.</summary>
public static class StateCounter
{
    public static async Task IncrementAsync(DaprClient client, string store, string key)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var (value, etag) = await client.GetStateAndETagAsync<int>(store, key);
            if (await client.TrySaveStateAsync(store, key, value + 1, etag))
            {
                return;
            }
        }
        throw new InvalidOperationException($"could not increment {key} after 1000 attempts");
    }
}
