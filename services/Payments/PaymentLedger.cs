using System.Text.Json;
using AmazonScale.Payments.Domain;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.Payments;

/// <summary>
/// Payment and refund records ("payment:{id}", "refund:{id}"), each written once: when two deliveries of the same
/// request race, the first write wins and both answer with it.
/// </summary>
public sealed class PaymentLedger(DaprClient dapr) : IVerdictLedger
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public Task<PaymentRecord?> FindPaymentAsync(string paymentId, CancellationToken cancellationToken) => GetAsync<PaymentRecord>(PaymentKey(paymentId), cancellationToken);

    public Task<RefundRecord?> FindRefundAsync(string paymentId, CancellationToken cancellationToken) => GetAsync<RefundRecord>(RefundKey(paymentId), cancellationToken);

    public Task<PaymentRecord> RecordPaymentAsync(PaymentRecord record, CancellationToken cancellationToken) => WriteOnceAsync(PaymentKey(record.PaymentId), record, cancellationToken);

    public Task<RefundRecord> RecordRefundAsync(RefundRecord record, CancellationToken cancellationToken) => WriteOnceAsync(RefundKey(record.PaymentId), record, cancellationToken);

    /// <summary>
    /// One state transaction for the whole batch (distinct payment ids): the common case, where no payment was decided
    /// before, costs one call. The transaction is all or nothing, so when it fails (typically one payment redelivered
    /// and already decided) each record is written on its own, where the first write per key wins or the stored one is
    /// read back.
    /// </summary>
    public async Task<PaymentRecord?[]> RecordPaymentsAsync(IReadOnlyList<PaymentRecord> records, CancellationToken cancellationToken)
    {
        var writes = records
            .Select(record => new StateTransactionRequest(
                PaymentKey(record.PaymentId), JsonSerializer.SerializeToUtf8Bytes(record, dapr.JsonSerializerOptions), StateOperationType.Upsert, options: FirstWrite))
            .ToList();
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, writes, cancellationToken: cancellationToken);
            return [.. records];
        }
        catch (DaprException)
        {
            return await Task.WhenAll(records.Select(record => TryRecordPaymentAsync(record, cancellationToken)));
        }
    }

    private async Task<PaymentRecord?> TryRecordPaymentAsync(PaymentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await RecordPaymentAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is DaprException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<T> WriteOnceAsync<T>(string key, T record, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, key, record, FirstWrite, cancellationToken: cancellationToken);
            return record;
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.Internal })
        {
            return await GetAsync<T>(key, cancellationToken) ?? throw new InvalidOperationException($"writing '{key}' failed", ex);
        }
    }

    private Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        dapr.GetStateAsync<T?>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);

    private static string PaymentKey(string id) => $"payment:{id}";

    private static string RefundKey(string id) => $"refund:{id}";
}
