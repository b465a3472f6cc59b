using AmazonScale.Payments.Domain;

namespace AmazonScale.Payments;

/// <summary>Where the simulator's verdicts are kept, one per payment id (first write wins).</summary>
public interface IVerdictLedger
{
    /// <summary>
    /// Records each verdict unless its payment already has one. Per record (same order): the verdict now stored (the
    /// given one, or the earlier one that won), or null when it could not be written and the caller must try again.
    /// </summary>
    /// <param name="records">At most one per payment id.</param>
    Task<PaymentRecord?[]> RecordPaymentsAsync(IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken);
}
