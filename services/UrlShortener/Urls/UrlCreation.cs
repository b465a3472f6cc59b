using System.Security.Claims;
using AmazonScale.UrlShortener.Owners;

namespace AmazonScale.UrlShortener.Urls;

/// <summary>Outcome of one create in a batch; QuotaExceeded when the month's quota ran out before this item.</summary>
public sealed record CreateItemResult(CreateOutcome? Outcome, bool QuotaExceeded);

/// <summary>
/// Creates one or many URLs for a caller: validate everything first (invalid items cost nothing), take
/// quota for the valid ones in one counter update, claim codes, and refund the quota of aliases that
/// turned out to be taken.
/// </summary>
public sealed class UrlCreation(UrlCatalog catalog, QuotaLedger quota)
{
    private const int ParallelClaims = 8;

    public async Task<(IReadOnlyList<CreateItemResult> Results, QuotaDecision Quota)> CreateAsync(
        ClaimsPrincipal caller, IReadOnlyList<CreateUrlRequest?> requests, CancellationToken cancellationToken)
    {
        var ownerId = caller.OwnerId();
        var prepared = new PreparedUrl?[requests.Count];
        var results = new CreateItemResult[requests.Count];
        await Parallel.ForAsync(0, requests.Count, Throttled(cancellationToken), async (i, token) =>
        {
            var (ready, errors) = requests[i] is { } request
                ? await catalog.PrepareAsync(ownerId, request, token)
                : (null, new Dictionary<string, string[]> { ["items"] = ["item must be an object."] });
            prepared[i] = ready;
            if (ready is null)
            {
                results[i] = new CreateItemResult(CreateOutcome.Invalid(errors), false);
            }
        });

        var valid = Enumerable.Range(0, requests.Count).Where(i => prepared[i] is not null).ToList();
        var decision = await quota.ConsumeAsync(ownerId, caller.MonthlyQuota(), valid.Count, cancellationToken);
        foreach (var i in valid.Skip(decision.Granted))
        {
            results[i] = new CreateItemResult(null, QuotaExceeded: true);
        }

        var granted = valid.Take(decision.Granted).ToList();
        await Parallel.ForEachAsync(granted, Throttled(cancellationToken), async (i, token) =>
            results[i] = new CreateItemResult(await catalog.ClaimAsync(ownerId, prepared[i]!, token), false));
        await quota.RefundAsync(ownerId, granted.Count(i => results[i].Outcome!.Status != CreateStatus.Created), cancellationToken);
        return (results, decision);
    }

    private static ParallelOptions Throttled(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ParallelClaims, CancellationToken = cancellationToken };
}
