using Dapr.Actors;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// One customer in one sale (actor id "{saleId}:{customerId}"): the single place that decides whether they may
/// reserve, so the per-customer limit holds across retries and instances.
/// </summary>
public interface ICustomerActor : IActor
{
    Task<CustomerReserveReply> Reserve(CustomerReserveCommand command);
}
