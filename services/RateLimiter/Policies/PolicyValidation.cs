using System.Text.RegularExpressions;
using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>Edge validation of everything administrators and callers send (sizes, lengths, ranges).</summary>
public static partial class PolicyValidation
{
    public const int MaxNameLength = 200;
    public const long MaxLimit = 1_000_000_000_000;
    public const long MaxLogLimit = 100_000;
    public const int MaxKeyDescriptors = 8;
    public const int MaxMatchPairs = 8;
    public const int MaxClients = 1_000;
    public const int MaxDescriptors = 16;
    public const int MaxDescriptorValueLength = 256;
    // Checks validate descriptors on every call: these messages are built once, not per check.
    private static readonly string TooManyDescriptors = $"must hold at most {MaxDescriptors} entries";
    private static readonly string BadDescriptorValue = $"values must be 1-{MaxDescriptorValueLength} characters";
    private const string BadDescriptorName = "names must be 1-64 characters of a-z, 0-9, '_', '.', '-' starting with a letter";
    public const long MaxWeight = 1_000_000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}\\z")]
    public static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,63}\\z")]
    public static partial Regex DescriptorNamePattern();

    public static Dictionary<string, string[]> Validate(PolicyBody body, string id, out RateLimitPolicy? policy)
    {
        var errors = new Dictionary<string, string[]>();
        policy = null;
        Require(errors, "id", IdPattern().IsMatch(id), "must be 1-64 characters of a-z, 0-9, '_', '.', '-' starting with a letter or digit");
        Require(errors, "id", body.Id is null || body.Id == id, "must equal the id in the URL");
        Require(errors, "name", body.Name is null || body.Name.Length <= MaxNameLength, $"must be at most {MaxNameLength} characters");
        Require(errors, "algorithm", body.Algorithm is not null, "is required: token_bucket, sliding_window_log, sliding_window_counter or fixed_window");
        Require(errors, "limit", body.Limit is > 0 and <= MaxLimit, $"must be between 1 and {MaxLimit}");
        Require(errors, "limit", body.Algorithm != RateLimitAlgorithm.SlidingWindowLog || body.Limit <= MaxLogLimit, $"must be at most {MaxLogLimit} for sliding_window_log (it remembers every admission)");
        var windowValid = WindowText.TryParse(body.Window, out var window) && window <= MaxWindow;
        Require(errors, "window", windowValid, "must be a whole number of s, m, h or d (for example 30s, 5m, 1h, 1d), at most 366d");
        Require(errors, "burst", body.Burst is null || (body.Algorithm == RateLimitAlgorithm.TokenBucket && body.Burst is > 0 and <= MaxLimit), "is only for token_bucket and must be between 1 and the maximum limit");
        Require(errors, "key", (body.Key?.Count ?? 0) <= MaxKeyDescriptors && (body.Key ?? []).All(DescriptorNamePattern().IsMatch) && (body.Key ?? []).Distinct().Count() == (body.Key?.Count ?? 0),
            $"must list at most {MaxKeyDescriptors} distinct descriptor names (a-z, 0-9, '_', '.', '-')");
        Require(errors, "match", (body.Match?.Count ?? 0) <= MaxMatchPairs && (body.Match ?? []).All(pair => DescriptorNamePattern().IsMatch(pair.Key) && pair.Value is { Length: > 0 and <= MaxDescriptorValueLength }),
            $"must hold at most {MaxMatchPairs} descriptor name/value pairs with values of 1-{MaxDescriptorValueLength} characters");
        if (errors.Count == 0)
        {
            policy = new RateLimitPolicy(
                id, body.Name ?? id, body.Algorithm!.Value, body.Limit!.Value, window, body.Burst, body.Active ?? true, body.Shadow ?? false,
                body.Scope ?? PolicyScope.Global, body.FailureMode ?? FailureMode.Open, body.Key ?? [], body.Match ?? [], [], Version: 0);
        }
        return errors;
    }

    public static Dictionary<string, string[]> Validate(IReadOnlyList<ClientAssignmentBody>? body, out List<ClientAssignment> assignments)
    {
        var errors = new Dictionary<string, string[]>();
        assignments = [];
        Require(errors, "clients", body is { Count: <= MaxClients }, $"must be a list of at most {MaxClients} assignments");
        for (var index = 0; body is not null && index < Math.Min(body.Count, MaxClients); index++)
        {
            var item = body[index];
            var field = $"clients[{index}]";
            Require(errors, $"{field}.client_id", item.ClientId is { Length: > 0 and <= MaxDescriptorValueLength }, $"is required, 1-{MaxDescriptorValueLength} characters");
            Require(errors, $"{field}.limit", item.Limit is > 0 and <= MaxLimit, $"must be between 1 and {MaxLimit}");
            Require(errors, $"{field}.effective_to", item.EffectiveFrom is null || item.EffectiveTo is null || item.EffectiveFrom < item.EffectiveTo, "must be after effective_from");
            if (errors.Count == 0)
            {
                assignments.Add(new ClientAssignment(item.ClientId!, item.Limit!.Value, item.Priority ?? 0, item.EffectiveFrom, item.EffectiveTo));
            }
        }
        return errors;
    }

    /// <summary>What is wrong with a check's descriptors (field "descriptors"); empty, without allocating, when nothing is.</summary>
    public static string[] DescriptorErrors(Dictionary<string, string> descriptors)
    {
        var (names, values) = (true, true);
        foreach (var (name, value) in descriptors)
        {
            names &= DescriptorNamePattern().IsMatch(name);
            values &= value is { Length: > 0 and <= MaxDescriptorValueLength };
        }
        if (descriptors.Count <= MaxDescriptors && names && values)
        {
            return [];
        }
        var errors = new List<string>();
        if (descriptors.Count > MaxDescriptors)
        {
            errors.Add(TooManyDescriptors);
        }
        if (!names)
        {
            errors.Add(BadDescriptorName);
        }
        if (!values)
        {
            errors.Add(BadDescriptorValue);
        }
        return [.. errors];
    }

    private static void Require(Dictionary<string, string[]> errors, string field, bool condition, string message)
    {
        if (!condition)
        {
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        }
    }
}
