using System.Collections.Concurrent;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Queue;

/// <summary>
/// Gives joining customers queue tickets. Tickets come from blocks leased from the sale's queue actor, so a join
/// costs one state write (the customer's claim on a ticket, first write wins: a customer keeps one ticket across
/// retries and instances, and a retry costs a ticket that is then skipped) and an actor call only once per block.
/// </summary>
public sealed class QueueTickets(SaleActors actors, StateClaims state, FlashSaleOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Dispenser> _dispensers = new(StringComparer.Ordinal);

    public sealed record QueueEntry(long Ticket);

    /// <summary>The customer's ticket, and whether this call gave it to them.</summary>
    public async Task<(bool Joined, long Ticket)> JoinAsync(SaleDefinition sale, string customerId, CancellationToken cancellationToken)
    {
        var key = $"queue:{sale.Id}:{customerId}";
        // A shuffled pre-queue is drawn at the start: tickets leased before it must not be handed out after it.
        var ticket = await _dispensers.GetOrAdd(sale.Id, _ => new Dispenser()).NextAsync(
            lease => !(lease.BeforeStart && sale.QueueMode == QueueMode.Shuffled && clock.GetUtcNow() >= sale.StartsAt),
            token => actors.LeaseTicketsAsync(sale, options.TicketLeaseSize, token),
            cancellationToken);
        var (claimed, entry) = await state.ClaimAsync(key, new QueueEntry(ticket), cancellationToken);
        return (claimed, entry.Ticket);
    }

    /// <summary>One sale's current block on this instance.</summary>
    private sealed class Dispenser
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private TicketLease? _lease;
        private long _next;

        public async Task<long> NextAsync(Func<TicketLease, bool> usable, Func<CancellationToken, Task<TicketLease>> leaseMore, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_lease is null || _next > _lease.To || !usable(_lease))
                {
                    _lease = await leaseMore(cancellationToken);
                    _next = _lease.From;
                }
                return _next++;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
