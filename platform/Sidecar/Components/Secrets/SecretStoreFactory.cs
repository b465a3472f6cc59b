namespace AmazonScale.Sidecar.Components.Secrets;

/// <summary>The two local secret stores daprd ships for self-hosted mode.</summary>
public sealed class SecretStoreFactory : IComponentFactory
{
    public bool Supports(string type, string version) => type is "secretstores.local.env" or "secretstores.local.file";

    public Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken)
    {
        ISecretStore store = resource.Type switch
        {
            "secretstores.local.env" => new EnvironmentSecretStore(Environment.GetEnvironmentVariable),
            _ => CreateFileStore(resource),
        };
        return Task.FromResult<object>(store);
    }

    private static FileSecretStore CreateFileStore(ComponentResource resource)
    {
        var path = resource.Require("secretsFile");
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(Path.GetDirectoryName(resource.SourceFile)!, path);
        }
        if (!File.Exists(path))
        {
            throw new ComponentException(resource, $"secretsFile '{path}' does not exist");
        }
        return new FileSecretStore(path, resource.Get("nestedSeparator") ?? ":");
    }
}
