using System.Text;
using System.Text.RegularExpressions;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tasks;

/// <summary>Turns a create body into a <see cref="TaskSpec"/> or a list of field errors (400). Payload size is separate (413).</summary>
public static partial class TaskValidation
{
    public const int MaxPayloadBytes = 256 * 1024;
    public const int MaxDependencies = 100;
    public const int MaxTimeoutSeconds = 7 * 24 * 3600;
    public const int MaxRetriesLimit = 100;
    public const int DefaultPriority = 5;
    public const int DefaultTimeoutSeconds = 300;
    public const int DefaultMaxRetries = 3;
    public const int MaxKeyLength = 200;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}\\z")]
    public static partial Regex TaskTypePattern();

    public static bool PayloadTooLarge(CreateTaskBody body) =>
        body.Payload is { } payload && Encoding.UTF8.GetByteCount(payload.GetRawText()) > MaxPayloadBytes;

    /// <param name="resolveDependency">Maps a listed dependency to a task id (batch refs), or null when it is not a valid id.</param>
    public static Dictionary<string, string[]> Validate(CreateTaskBody body, DateTimeOffset now, Func<string, string?> resolveDependency, out TaskSpec? spec)
    {
        var errors = new Dictionary<string, string[]>();
        spec = null;
        if (body.TaskType is null || !TaskTypePattern().IsMatch(body.TaskType))
        {
            errors["task_type"] = ["Required: 1-100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit."];
        }
        if (body.Payload is null)
        {
            errors["payload"] = ["Required: any JSON value (use null or {} for none)."];
        }
        var priority = body.Priority ?? DefaultPriority;
        if (priority is < TaskSpec.MinPriority or > TaskSpec.MaxPriority)
        {
            errors["priority"] = [$"Must be {TaskSpec.MinPriority}-{TaskSpec.MaxPriority} ({TaskSpec.MaxPriority} runs first)."];
        }
        if (body.ScheduledAt is { } at && at > now.AddYears(1))
        {
            errors["scheduled_at"] = ["Must be within a year."];
        }
        var timeout = body.TimeoutSeconds ?? DefaultTimeoutSeconds;
        if (timeout is < 1 or > MaxTimeoutSeconds)
        {
            errors["timeout_seconds"] = [$"Must be 1-{MaxTimeoutSeconds}."];
        }
        var maxRetries = body.MaxRetries ?? DefaultMaxRetries;
        if (maxRetries is < 0 or > MaxRetriesLimit)
        {
            errors["max_retries"] = [$"Must be 0-{MaxRetriesLimit}."];
        }
        var backoff = ValidateBackoff(body.RetryBackoff, errors);
        var policy = body.DependencyFailure?.ToLowerInvariant() switch
        {
            null or "fail" => DependencyPolicy.Fail,
            "skip" => DependencyPolicy.Skip,
            _ => (DependencyPolicy?)null,
        };
        if (policy is null)
        {
            errors["dependency_failure"] = ["Must be 'fail' or 'skip'."];
        }
        var dependencies = new List<string>();
        if (body.Dependencies is { Count: > MaxDependencies })
        {
            errors["dependencies"] = [$"At most {MaxDependencies}."];
        }
        else
        {
            foreach (var dependency in body.Dependencies ?? [])
            {
                if (resolveDependency(dependency) is { } id)
                {
                    dependencies.Add(id);
                }
                else
                {
                    errors["dependencies"] = [$"'{Truncate(dependency)}' is not a task id (or a ref of this batch)."];
                }
            }
        }
        if (body.DedupKey is { Length: 0 or > MaxKeyLength })
        {
            errors["dedup_key"] = [$"1-{MaxKeyLength} characters."];
        }
        if (errors.Count == 0)
        {
            spec = new TaskSpec(body.TaskType!, body.Payload!.Value.GetRawText(), priority, body.ScheduledAt, timeout, maxRetries, backoff,
                dependencies.Distinct(StringComparer.Ordinal).ToList(), policy!.Value, body.Critical ?? false);
        }
        return errors;
    }

    private static RetryBackoff ValidateBackoff(BackoffBody? body, Dictionary<string, string[]> errors)
    {
        var fallback = RetryBackoff.Default;
        var backoff = new RetryBackoff(body?.InitialSeconds ?? fallback.InitialSeconds, body?.MaxSeconds ?? fallback.MaxSeconds,
            body?.Multiplier ?? fallback.Multiplier, body?.Jitter ?? fallback.Jitter);
        if (backoff.InitialSeconds is < 0.01 or > 86400 || backoff.MaxSeconds < backoff.InitialSeconds || backoff.MaxSeconds > 86400
            || backoff.Multiplier is < 1 or > 10 || backoff.Jitter is < 0 or > 1)
        {
            errors["retry_backoff"] = ["initial_seconds 0.01-86400, max_seconds initial-86400, multiplier 1-10, jitter 0-1."];
        }
        return backoff;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
