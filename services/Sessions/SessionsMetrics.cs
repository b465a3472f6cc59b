using System.Diagnostics.Metrics;
using System.Text.Json;
using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions;

/// <summary>Instruments on the Meter named after the app (ServiceDefaults exports that Meter).</summary>
public sealed class SessionsMetrics
{
    private static readonly string[] VerdictNames = SnakeCaseNames<AccessVerdict>();
    private static readonly string[] OutcomeNames = SnakeCaseNames<RefreshOutcome>();

    private readonly Counter<long> _validations;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _created;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _eventsDropped;

    public SessionsMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ApplicationName);
        _validations = meter.CreateCounter<long>("sessions.validations", "{validation}", "Access token validations by verdict.");
        _cacheLookups = meter.CreateCounter<long>("sessions.cache.lookups", "{lookup}", "Session snapshot cache lookups by hit or miss.");
        _refreshes = meter.CreateCounter<long>("sessions.refreshes", "{refresh}", "Refresh attempts by outcome.");
        _created = meter.CreateCounter<long>("sessions.created", "{session}", "Sessions opened.");
        _ended = meter.CreateCounter<long>("sessions.ended", "{session}", "Sessions ended, by reason.");
        _eventsDropped = meter.CreateCounter<long>("sessions.events.dropped", "{event}", "Security events not published because the queue was full.");
    }

    public void Validated(AccessVerdict verdict) => _validations.Add(1, new KeyValuePair<string, object?>("sessions.verdict", VerdictNames[(int)verdict]));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("sessions.cache.result", hit ? "hit" : "miss"));

    public void Refreshed(RefreshOutcome outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("sessions.outcome", OutcomeNames[(int)outcome]));

    public void Created() => _created.Add(1);

    public void Ended(string reason) => _ended.Add(1, new KeyValuePair<string, object?>("sessions.end_reason", reason));

    public void EventDropped() => _eventsDropped.Add(1);

    /// <summary>Attribute values precomputed per enum member: no string is built per measurement.</summary>
    private static string[] SnakeCaseNames<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();
}
