namespace AmazonScale.Sidecar.Components.Secrets;

/// <summary>secretstores.local.env: the secret "X" is the environment variable X, under the key "X".</summary>
public sealed class EnvironmentSecretStore(Func<string, string?> environment) : ISecretStore
{
    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(
            environment(name) is { } value ? new Dictionary<string, string> { [name] = value } : null);
}
