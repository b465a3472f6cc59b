using AmazonScale.Payments.Domain;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.Payments;

/// <summary>
/// Payment and refund records ("payment:{id}", "refund:{id}"), each written once: when two deliveries of the same
/// request race, the first write wins and both answer with it.
/// </summary>
public sealed class PaymentLedger(DaprClient dapr)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public Task<PaymentRecord?> FindPaymentAsync(string paymentId, CancellationToken cancellationToken) => GetAsync<PaymentRecord>(PaymentKey(paymentId), cancellationToken);

    public Task<RefundRecord?> FindRefundAsync(string paymentId, CancellationToken cancellationToken) => GetAsync<RefundRecord>(RefundKey(paymentId), cancellationToken);

    public Task<PaymentRecord> RecordPaymentAsync(PaymentRecord record, CancellationToken cancellationToken) => WriteOnceAsync(PaymentKey(record.PaymentId), record, cancellationToken);

    public Task<RefundRecord> RecordRefundAsync(RefundRecord record, CancellationToken cancellationToken) => WriteOnceAsync(RefundKey(record.PaymentId), record, cancellationToken);

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
