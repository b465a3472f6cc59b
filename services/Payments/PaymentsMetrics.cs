using System.Diagnostics.Metrics;
using AmazonScale.Payments.Domain;

namespace AmazonScale.Payments;

/// <summary>Instruments on the Meter named after the app (ServiceDefaults exports that Meter).</summary>
public sealed class PaymentsMetrics
{
    private readonly Counter<long> _payments;
    private readonly Counter<long> _refunds;

    public PaymentsMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ApplicationName);
        _payments = meter.CreateCounter<long>("payments.sandbox.payments", "{payment}", "Simulated payments by outcome.");
        _refunds = meter.CreateCounter<long>("payments.sandbox.refunds", "{refund}", "Simulated refunds.");
    }

    public void Payment(SandboxOutcome outcome) =>
        _payments.Add(1, new KeyValuePair<string, object?>("payments.outcome", outcome.ToString().ToLowerInvariant()));

    public void Refund() => _refunds.Add(1);
}
