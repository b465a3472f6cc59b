namespace AmazonScale.Sidecar.Components.Secrets;

/// <summary>A secretstores.* component: a secret is a named map of key → value.</summary>
public interface ISecretStore
{
    Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, CancellationToken cancellationToken);
}
