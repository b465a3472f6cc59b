using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// Decides checks from in-process counters: finds the matching policies, asks each one's counter (the
/// check passes only if every enforcing policy admits it) and gives the units back to the others when
/// one denies, so a denied check consumes nothing.
/// </summary>
public sealed class RateLimitEngine(
    TimeProvider clock,
    IBudgetOwnerClient owner,
    LeaseOptions leaseOptions,
    IEnumerable<IDecisionSink> sinks,
    ILogger<RateLimitEngine> logger)
{
    private readonly IDecisionSink[] _sinks = sinks.ToArray();
    private readonly ConcurrentDictionary<CounterKey, CounterEntry> _counters = new();
    private readonly Lock _policiesGate = new();
    private readonly Dictionary<string, RateLimitPolicy> _policies = new(StringComparer.Ordinal);
    private volatile PolicySet _active = PolicySet.Empty;

    public PolicySet Active => _active;

    public int CounterCount => _counters.Count;

    /// <summary>
    /// Replaces every policy (start-up and periodic reconciliation with the state store). A policy already
    /// held in a newer version (a change event that overtook this load) is kept.
    /// </summary>
    public void ReplaceAll(IEnumerable<RateLimitPolicy> policies)
    {
        lock (_policiesGate)
        {
            var loaded = policies.ToDictionary(policy => policy.Id, StringComparer.Ordinal);
            foreach (var (id, current) in _policies)
            {
                if (loaded.TryGetValue(id, out var stored) && stored.Version < current.Version)
                {
                    loaded[id] = current;
                }
            }
            _policies.Clear();
            foreach (var (id, policy) in loaded)
            {
                _policies[id] = policy;
            }
            Publish();
        }
    }

    /// <summary>Applies a policy unless a newer version of it is already in force; returns whether it changed anything.</summary>
    public bool Upsert(RateLimitPolicy policy)
    {
        lock (_policiesGate)
        {
            if (_policies.TryGetValue(policy.Id, out var current) && current.Version >= policy.Version)
            {
                return false;
            }
            _policies[policy.Id] = policy;
            Publish();
            return true;
        }
    }

    public bool Remove(string policyId)
    {
        lock (_policiesGate)
        {
            if (!_policies.Remove(policyId))
            {
                return false;
            }
            Publish();
            return true;
        }
    }

    public RateLimitPolicy? Find(string policyId)
    {
        lock (_policiesGate)
        {
            return _policies.GetValueOrDefault(policyId);
        }
    }

    public async ValueTask<CheckResult> CheckAsync(Descriptors descriptors, long weight, bool waitForOwner, CancellationToken cancellationToken)
    {
        var matching = _active.Matching(descriptors);
        // Arrays sized once (one policy usually matches): counters[i] decided decisions[i], for giving units back on a denial.
        var decisions = new PolicyDecision[matching.Count];
        var counters = new ICounter[matching.Count];
        var decided = 0;
        var now = clock.GetUtcNow();
        foreach (var policy in matching)
        {
            var counter = CounterFor(policy, descriptors, now);
            var decision = new PolicyDecision(policy, await counter.AcquireAsync(weight, waitForOwner, cancellationToken));
            (decisions[decided], counters[decided]) = (decision, counter);
            decided++;
            if (!decision.Decision.Allowed && !policy.Shadow)
            {
                break;
            }
        }
        var result = CheckResult.From(decided == decisions.Length ? decisions : decisions[..decided]);
        if (!result.Allowed)
        {
            for (var i = 0; i < decided; i++)
            {
                if (decisions[i].Decision.Allowed)
                {
                    counters[i].Release(weight);
                }
            }
        }
        for (var i = 0; i < decided; i++)
        {
            foreach (var sink in _sinks)
            {
                sink.Record(decisions[i], weight);
            }
        }
        return result;
    }

    /// <summary>Usage of every policy that applies to these descriptors, without consuming quota.</summary>
    public IReadOnlyList<PolicyDecision> Status(Descriptors descriptors)
    {
        var now = clock.GetUtcNow();
        return _active.Matching(descriptors)
            .Select(policy =>
            {
                var key = KeyFor(policy, descriptors, now);
                var decision = _counters.TryGetValue(key, out var entry)
                    ? entry.Counter.Peek()
                    : LimitDecision.Allow(key.Spec(policy).Capacity, key.Spec(policy).Capacity, TimeSpan.Zero);
                return new PolicyDecision(policy, decision);
            })
            .ToList();
    }

    /// <summary>Drops counters idle for longer than both <paramref name="idleFor"/> and twice their window, and counters of replaced policies.</summary>
    public int Sweep(TimeSpan idleFor)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var removed = 0;
        foreach (var (key, entry) in _counters)
        {
            var idleLimit = Math.Max(idleFor.Ticks, 2 * entry.Window.Ticks);
            var current = Find(key.PolicyId);
            if (now - Volatile.Read(ref entry.LastUsed) > idleLimit || current is null || current.Version != key.Version)
            {
                removed += _counters.TryRemove(key, out _) ? 1 : 0;
            }
        }
        return removed;
    }

    private void Publish() => _active = new PolicySet(_policies.Values);

    private ICounter CounterFor(RateLimitPolicy policy, Descriptors descriptors, DateTimeOffset now)
    {
        var key = KeyFor(policy, descriptors, now);
        if (!_counters.TryGetValue(key, out var entry))
        {
            entry = _counters.GetOrAdd(key, static (key, state) =>
            {
                var spec = key.Spec(state.Policy);
                return new CounterEntry(state.Engine.CreateCounter(state.Policy, key, spec), spec.Window);
            }, (Engine: this, Policy: policy));
        }
        Volatile.Write(ref entry.LastUsed, now.UtcTicks);
        return entry.Counter;
    }

    private static CounterKey KeyFor(RateLimitPolicy policy, Descriptors descriptors, DateTimeOffset now) =>
        new(policy.Id, policy.Version, policy.AssignmentFor(descriptors.ClientId, now)?.Limit ?? policy.Limit, descriptors.PartitionFor(policy));

    private ICounter CreateCounter(RateLimitPolicy policy, CounterKey key, LimitSpec spec) => policy.Scope switch
    {
        PolicyScope.Local => new LocalCounter(LimiterFactory.Create(spec, clock)),
        _ => new LeasedCounter(BudgetIdFor(key), spec, policy.FailureMode, owner, leaseOptions, clock, logger),
    };

    /// <summary>A stable, URL-safe name of one global budget, identical on every instance.</summary>
    private static string BudgetIdFor(CounterKey key)
    {
        var partition = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Partition)).AsSpan(0, 12));
        return $"{key.PolicyId}.v{key.Version}.l{key.Limit}.{partition}";
    }

    private readonly record struct CounterKey(string PolicyId, long Version, long Limit, string Partition)
    {
        /// <summary>What the counter enforces; only built when a counter is created, not on every check.</summary>
        public LimitSpec Spec(RateLimitPolicy policy) => policy.SpecFor(Limit);
    }

    private sealed class CounterEntry(ICounter counter, TimeSpan window)
    {
        public long LastUsed;

        public ICounter Counter { get; } = counter;

        public TimeSpan Window { get; } = window;
    }
}
