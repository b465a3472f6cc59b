using AmazonScale.Payments.Domain;
using Dapr.AspNetCore;

namespace AmazonScale.Payments.Events;

/// <summary>
/// The simulated provider working through a batch of payment requests the way a real one works through its queue:
/// every payment is decided and "processed" (the configured latency) at the same time, then the batch's verdicts are
/// recorded together and answered with one bulk publish. Decided before looking: the first write of a verdict wins, so
/// a redelivered request (rare) answers with the stored verdict, never a new random one, and a first delivery (the
/// common case) costs no read.
/// </summary>
public sealed class SandboxProcessor(IVerdictLedger ledger, IPaymentAnswers answers, PaymentsOptions options, TimeProvider clock, PaymentsMetrics metrics)
{
    /// <summary>
    /// Per request (same order): SUCCESS once its verdict is stored and, when it has an answer, that answer published;
    /// RETRY otherwise (the redelivery answers with whatever was stored); DROP for a request that names no payment.
    /// </summary>
    public async Task<BulkSubscribeAppResponseStatus[]> ProcessAsync(IReadOnlyList<PaymentRequested?> requests, CancellationToken cancellationToken)
    {
        // A payment named twice in one batch is decided once; both entries share its fate.
        var decided = new Dictionary<string, PaymentRecord>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (IsWellFormed(request) && !decided.ContainsKey(request!.PaymentId))
            {
                decided[request.PaymentId] = Decide(request);
            }
        }
        var records = decided.Values.ToList();
        await Task.WhenAll(records.Select(record => ProcessingTimeAsync(record, cancellationToken)));

        var stored = await ledger.RecordPaymentsAsync(records, cancellationToken);
        var answered = new Dictionary<string, bool>(StringComparer.Ordinal);
        var owed = new List<PaymentCompleted>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] is not { } verdict)
            {
                answered[records[i].PaymentId] = false;
                continue;
            }
            if (ReferenceEquals(verdict, records[i]))
            {
                metrics.Payment(verdict.Outcome);
            }
            answered[verdict.PaymentId] = verdict.Outcome == SandboxOutcome.NoAnswer;
            if (verdict.Outcome != SandboxOutcome.NoAnswer)
            {
                owed.Add(new PaymentCompleted(verdict.PaymentId, verdict.SaleId, verdict.ReservationId, verdict.Outcome == SandboxOutcome.Succeeded, verdict.Reason));
            }
        }
        var published = await answers.PublishAsync(owed, cancellationToken);
        for (var i = 0; i < owed.Count; i++)
        {
            answered[owed[i].PaymentId] = published[i];
        }

        return [.. requests.Select(request => !IsWellFormed(request) ? BulkSubscribeAppResponseStatus.DROP
            : answered[request!.PaymentId] ? BulkSubscribeAppResponseStatus.SUCCESS : BulkSubscribeAppResponseStatus.RETRY)];
    }

    private static bool IsWellFormed(PaymentRequested? request) =>
        request is { PaymentId.Length: > 0, SaleId: not null, ReservationId: not null, Currency: not null, Method: not null };

    private PaymentRecord Decide(PaymentRequested request)
    {
        var (outcome, reason) = SandboxDecision.Decide(request.Method, options.FailureRate, Random.Shared.NextDouble());
        return new PaymentRecord(request.PaymentId, request.SaleId, request.ReservationId, request.Amount, request.Currency, outcome, reason, clock.GetUtcNow());
    }

    /// <summary>The provider's think time for one payment (none for a provider that never answers).</summary>
    private Task ProcessingTimeAsync(PaymentRecord record, CancellationToken cancellationToken)
    {
        if (record.Outcome == SandboxOutcome.NoAnswer)
        {
            return Task.CompletedTask;
        }
        var jitter = options.LatencyJitter * ((Random.Shared.NextDouble() * 2) - 1);
        return Task.Delay(options.Latency + jitter, clock, cancellationToken);
    }
}
