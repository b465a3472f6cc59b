using AmazonScale.FlashSale.Domain;
using Dapr.Actors;

namespace AmazonScale.FlashSale.Actors;

/// <summary>A sale's virtual queue (actor id = sale id): leases ticket blocks to instances and admits batches over time.</summary>
public interface IQueueActor : IActor
{
    Task<TicketLease> LeaseTickets(LeaseTicketsCommand command);

    /// <summary>Admits whatever is due and returns the line; every instance calls it a few times a second.</summary>
    Task<QueueLine> Admit(AdmitCommand command);
}
