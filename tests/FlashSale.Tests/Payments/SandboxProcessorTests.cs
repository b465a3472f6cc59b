using AmazonScale.Payments;
using AmazonScale.Payments.Domain;
using AmazonScale.Payments.Events;
using Dapr.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.FlashSale.Tests.Payments;

/// <summary>
/// The payments simulator's bulk handling without HTTP: the ledger and the broker are in-memory stand-ins that can be
/// told to fail for chosen payments, so a partial failure and the redelivery that follows are seen entry by entry.
/// </summary>
public sealed class SandboxProcessorTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeLedger _ledger = new();
    private readonly FakeBroker _broker = new();

    [Fact]
    public async Task Only_the_entries_whose_verdict_was_not_recorded_or_not_published_are_retried_and_their_redelivery_repeats_the_stored_verdict()
    {
        var processor = NewProcessor();
        _ledger.Failing.Add("p2");
        _broker.Refusing.Add("p3");

        var first = await ProcessAsync(processor, Request("p1"), Request("p2"), Request("p3"), Request("p4", SandboxDecision.Declined));

        Assert.Equal([BulkSubscribeAppResponseStatus.SUCCESS, BulkSubscribeAppResponseStatus.RETRY, BulkSubscribeAppResponseStatus.RETRY, BulkSubscribeAppResponseStatus.SUCCESS], first);
        Assert.Equal(["p1", "p3", "p4"], _ledger.Stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["p1", "p4"], _broker.Published.Select(answer => answer.PaymentId).Order(StringComparer.Ordinal));

        // The sidecar redelivers only the two entries to retry; p3 now asks to be declined, but was decided already.
        _ledger.Failing.Clear();
        _broker.Refusing.Clear();
        var redelivered = await ProcessAsync(processor, Request("p2"), Request("p3", SandboxDecision.Declined));

        Assert.Equal([BulkSubscribeAppResponseStatus.SUCCESS, BulkSubscribeAppResponseStatus.SUCCESS], redelivered);
        Assert.Equal(4, _ledger.Stored.Count);
        var p3 = Assert.Single(_broker.Published, answer => answer.PaymentId == "p3");
        Assert.True(p3.Succeeded);
        Assert.Equal(["p1", "p2", "p3", "p4"], _broker.Published.Select(answer => answer.PaymentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_request_of_a_decided_payment_republishes_the_stored_verdict_not_a_new_one()
    {
        var processor = NewProcessor();
        var stored = new PaymentRecord("p1", "sale", "0-r1", 10m, "EUR", SandboxOutcome.Voided, PaymentsApi.VoidedReason, DateTimeOffset.UnixEpoch);
        _ledger.Stored["p1"] = stored;

        var statuses = await ProcessAsync(processor, Request("p1"));

        Assert.Equal([BulkSubscribeAppResponseStatus.SUCCESS], statuses);
        Assert.Same(stored, _ledger.Stored["p1"]);
        Assert.Equal(new PaymentCompleted("p1", "sale", "0-r1", Succeeded: false, PaymentsApi.VoidedReason), Assert.Single(_broker.Published));
    }

    [Fact]
    public async Task A_payment_named_twice_in_one_batch_is_decided_recorded_and_answered_once()
    {
        var processor = NewProcessor();

        var statuses = await ProcessAsync(processor, Request("p1"), Request("p1", SandboxDecision.Declined));

        Assert.Equal([BulkSubscribeAppResponseStatus.SUCCESS, BulkSubscribeAppResponseStatus.SUCCESS], statuses);
        Assert.Equal(1, _ledger.Writes);
        Assert.True(Assert.Single(_broker.Published).Succeeded);
    }

    [Fact]
    public async Task A_request_naming_no_payment_is_dropped_and_an_unanswered_payment_is_recorded_without_an_answer()
    {
        var processor = NewProcessor();

        var statuses = await ProcessAsync(processor, null, Request(""), Request("p1", SandboxDecision.NoAnswer));

        Assert.Equal([BulkSubscribeAppResponseStatus.DROP, BulkSubscribeAppResponseStatus.DROP, BulkSubscribeAppResponseStatus.SUCCESS], statuses);
        Assert.Equal(SandboxOutcome.NoAnswer, _ledger.Stored["p1"].Outcome);
        Assert.Empty(_broker.Published);
    }

    [Fact]
    public async Task The_simulated_latency_of_a_batch_runs_concurrently()
    {
        var processor = NewProcessor();

        var batch = processor.ProcessAsync([.. Enumerable.Range(1, 20).Select(i => Request($"p{i}"))], CancellationToken.None);
        // One latency's worth of time answers the whole batch; one after another would take twenty.
        _clock.Advance(Latency);

        var statuses = await batch.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(statuses, status => Assert.Equal(BulkSubscribeAppResponseStatus.SUCCESS, status));
        Assert.Equal(20, _broker.Published.Count);
    }

    private async Task<BulkSubscribeAppResponseStatus[]> ProcessAsync(SandboxProcessor processor, params PaymentRequested?[] requests)
    {
        var batch = processor.ProcessAsync(requests, CancellationToken.None);
        _clock.Advance(Latency);
        return await batch.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private SandboxProcessor NewProcessor()
    {
        var options = new PaymentsOptions { Latency = Latency, LatencyJitter = TimeSpan.Zero, FailureRate = 0 };
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metrics = new PaymentsMetrics(meters, new HostingEnvironment { ApplicationName = "payments" });
        return new SandboxProcessor(_ledger, _broker, options, _clock, metrics);
    }

    private static PaymentRequested Request(string paymentId, string method = SandboxDecision.Ok) =>
        new(paymentId, "sale", "0-r1", "customer", 10m, "EUR", method);

    /// <summary>First write wins per payment id, like the state store; can refuse chosen payments (null: not recorded).</summary>
    private sealed class FakeLedger : IVerdictLedger
    {
        public Dictionary<string, PaymentRecord> Stored { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

        public int Writes { get; private set; }

        public Task<PaymentRecord?[]> RecordPaymentsAsync(IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken)
        {
            Assert.Equal(records.Count, records.Select(record => record.PaymentId).Distinct().Count());
            return Task.FromResult(records.Select(record =>
            {
                if (Failing.Contains(record.PaymentId))
                {
                    return null;
                }
                if (Stored.TryAdd(record.PaymentId, record))
                {
                    Writes++;
                }
                return Stored[record.PaymentId];
            }).ToArray());
        }
    }

    /// <summary>Takes every answer except those of the payments it is told to refuse.</summary>
    private sealed class FakeBroker : IPaymentAnswers
    {
        public List<PaymentCompleted> Published { get; } = [];

        public HashSet<string> Refusing { get; } = new(StringComparer.Ordinal);

        public Task<bool[]> PublishAsync(IReadOnlyList<PaymentCompleted> answers, CancellationToken cancellationToken)
        {
            var taken = answers.Select(answer => !Refusing.Contains(answer.PaymentId)).ToArray();
            Published.AddRange(answers.Where((_, i) => taken[i]));
            return Task.FromResult(taken);
        }
    }
}
