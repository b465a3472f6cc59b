using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Envoy.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using EnvoyCode = AmazonScale.RateLimiter.Envoy.Protocol.RateLimitResponse.Types.Code;
using EnvoyUnit = AmazonScale.RateLimiter.Envoy.Protocol.RateLimitResponse.Types.RateLimit.Types.Unit;

namespace AmazonScale.RateLimiter.Envoy;

/// <summary>
/// envoy.service.ratelimit.v3.RateLimitService: each Envoy descriptor is checked on its own against the
/// policies (its entries plus "domain" are the descriptors), and the request is OVER_LIMIT if any is.
/// Envoy's per-route limit override is ignored: policies here are the single source of limits.
/// </summary>
public sealed class EnvoyRateLimitService(RateLimitEngine engine) : RateLimitService.RateLimitServiceBase
{
    private const int MaxDescriptors = 16;

    public override async Task<RateLimitResponse> ShouldRateLimit(RateLimitRequest request, ServerCallContext context)
    {
        if (request.Descriptors.Count is 0 or > MaxDescriptors || request.Domain.Length > Policies.PolicyValidation.MaxDescriptorValueLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a request needs 1-{MaxDescriptors} descriptors and a domain of at most {Policies.PolicyValidation.MaxDescriptorValueLength} characters"));
        }
        var response = new RateLimitResponse { OverallCode = EnvoyCode.Ok };
        var decided = new List<PolicyDecision>();
        foreach (var descriptor in request.Descriptors)
        {
            var values = descriptor.Entries.GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);
            values["domain"] = request.Domain;
            if (Policies.PolicyValidation.DescriptorErrors(values) is { Length: > 0 } errors)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, string.Join("; ", errors)));
            }
            var hits = descriptor.HitsAddend ?? (request.HitsAddend == 0 ? 1 : request.HitsAddend);
            var result = await engine.CheckAsync(new Descriptors(values), Math.Max(1, hits), waitForOwner: true, context.CancellationToken);
            response.Statuses.Add(StatusOf(result));
            decided.AddRange(result.Enforcing);
            if (!result.Allowed)
            {
                response.OverallCode = EnvoyCode.OverLimit;
            }
        }
        if (decided.Count > 0)
        {
            response.ResponseHeadersToAdd.Add(new HeaderValue { Key = RateLimitHeaders.PolicyHeader, Value = RateLimitHeaders.Policy(decided) });
            response.ResponseHeadersToAdd.Add(new HeaderValue { Key = RateLimitHeaders.LimitHeader, Value = RateLimitHeaders.Limit(decided) });
        }
        return response;
    }

    private static RateLimitResponse.Types.DescriptorStatus StatusOf(CheckResult result)
    {
        var status = new RateLimitResponse.Types.DescriptorStatus { Code = result.Allowed ? EnvoyCode.Ok : EnvoyCode.OverLimit };
        if (result.Deciding is { } deciding)
        {
            status.CurrentLimit = new RateLimitResponse.Types.RateLimit
            {
                Name = deciding.Policy.Id,
                RequestsPerUnit = (uint)Math.Min(uint.MaxValue, deciding.Decision.Limit),
                Unit = UnitOf(deciding.Policy.Window),
            };
            status.LimitRemaining = (uint)Math.Min(uint.MaxValue, deciding.Decision.Remaining);
            status.DurationUntilReset = Duration.FromTimeSpan(deciding.Decision.Allowed ? deciding.Decision.ResetAfter : deciding.Decision.RetryAfter);
        }
        return status;
    }

    /// <summary>Envoy only knows whole units; other windows report the unit they are a multiple of, or UNKNOWN.</summary>
    private static EnvoyUnit UnitOf(TimeSpan window) => window.Ticks switch
    {
        TimeSpan.TicksPerSecond => EnvoyUnit.Second,
        TimeSpan.TicksPerMinute => EnvoyUnit.Minute,
        TimeSpan.TicksPerHour => EnvoyUnit.Hour,
        TimeSpan.TicksPerDay => EnvoyUnit.Day,
        _ => EnvoyUnit.Unknown,
    };
}
