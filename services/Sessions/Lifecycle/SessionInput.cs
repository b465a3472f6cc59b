using System.Net;
using System.Text.RegularExpressions;
using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Lifecycle;

/// <summary>Edge validation: every identifier and client field is checked for shape and length before it reaches an actor.</summary>
public static partial class SessionInput
{
    public const int MaxIdLength = 128;
    public const int MaxDeviceNameLength = 128;
    public const int MaxUserAgentLength = 512;
    private const int MaxIpLength = 45;

    /// <summary>User and device ids: they become actor ids and URL segments.</summary>
    [GeneratedRegex("^[A-Za-z0-9._@:+-]{1,128}\\z")]
    public static partial Regex IdPattern();

    public static Dictionary<string, string[]> Validate(CreateSessionBody body, out NewSession? session)
    {
        var errors = new Dictionary<string, string[]>();
        RequireId(errors, "user_id", body.UserId);
        RequireId(errors, "device_id", body.DeviceId);
        if (body.DeviceName is { } name && (name.Length > MaxDeviceNameLength || name.Any(char.IsControl)))
        {
            errors["device_name"] = [$"must be at most {MaxDeviceNameLength} characters without control characters"];
        }
        if (body.Platform is null)
        {
            errors["platform"] = ["is required: web, mobile or api"];
        }
        var client = ReadClient(errors, body.Ip, body.UserAgent, body.Country);
        session = errors.Count == 0
            ? new NewSession(body.UserId!, new Device(body.DeviceId!, body.DeviceName, body.Platform!.Value), client, body.RememberMe ?? false, body.BindIp ?? false)
            : null;
        return errors;
    }

    /// <summary>The optional request context sent with a validation or refresh.</summary>
    public static ClientContext ReadClient(Dictionary<string, string[]> errors, string? ip, string? userAgent, string? country)
    {
        if (ip is not null && (ip.Length > MaxIpLength || !IPAddress.TryParse(ip, out _)))
        {
            errors["ip"] = ["must be an IPv4 or IPv6 address"];
        }
        if (userAgent is not null && (userAgent.Length > MaxUserAgentLength || userAgent.Any(char.IsControl)))
        {
            errors["user_agent"] = [$"must be at most {MaxUserAgentLength} characters without control characters"];
        }
        if (country is not null && (country.Length != 2 || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1])))
        {
            errors["country"] = ["must be an ISO 3166-1 alpha-2 code"];
        }
        return ip is null && userAgent is null && country is null ? ClientContext.Unknown : new ClientContext(ip, userAgent, country?.ToUpperInvariant());
    }

    public static void RequireToken(Dictionary<string, string[]> errors, string field, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            errors[field] = ["is required"];
        }
    }

    private static void RequireId(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null || !IdPattern().IsMatch(value))
        {
            errors[field] = [$"is required: 1 to {MaxIdLength} characters from A-Z a-z 0-9 . _ @ : + -"];
        }
    }
}
