using System.Text.Json;

namespace AmazonScale.Sidecar.Components.Secrets;

/// <summary>
/// secretstores.local.file: a JSON file whose nested objects are flattened with nestedSeparator
/// (default ":"), so {"db":{"password":"x"}} holds the secret "db:password" = {"db:password": "x"}.
/// </summary>
public sealed class FileSecretStore : ISecretStore
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public FileSecretStore(string path, string separator)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Flatten(document.RootElement, prefix: null, separator);
    }

    public Task<IReadOnlyDictionary<string, string>?> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(
            _secrets.TryGetValue(name, out var value) ? new Dictionary<string, string> { [name] = value } : null);

    private void Flatten(JsonElement element, string? prefix, string separator)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix is null ? property.Name : prefix + separator + property.Name, separator);
            }
        }
        else if (prefix is not null)
        {
            _secrets[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        }
    }
}
