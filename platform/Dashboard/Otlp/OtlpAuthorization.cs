using AmazonScale.Dashboard.Auth;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>Aspire's OTLP "ApiKey" mode: when a key is configured, every export must carry it in <see cref="HeaderName"/>.</summary>
internal sealed class OtlpAuthorization(string? apiKey)
{
    public const string HeaderName = "x-otlp-api-key";

    private readonly SecretValidator? _validator = apiKey is null ? null : new SecretValidator(apiKey);

    public bool Allows(string? presentedKey) => _validator is null || _validator.IsValid(presentedKey);
}
