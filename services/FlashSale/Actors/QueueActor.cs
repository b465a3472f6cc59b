using System.Security.Cryptography;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Owns <see cref="QueueLine"/>. Admission is driven by the instances' monitors calling <see cref="Admit"/>; the line
/// computes how many batches are due from the time elapsed, so the rate is the same with one instance or ten.
/// </summary>
public sealed class QueueActor(ActorHost host, TimeProvider clock) : Actor(host), IQueueActor
{
    private const string LineKey = "line";

    public async Task<TicketLease> LeaseTickets(LeaseTicketsCommand command)
    {
        var (line, lease) = (await LineAsync()).Lease(command.Sale, command.Count, clock.GetUtcNow());
        await StateManager.SetStateAsync(LineKey, line);
        return lease;
    }

    public async Task<QueueLine> Admit(AdmitCommand command)
    {
        var current = await LineAsync();
        var line = current.Admit(command.Sale, command.Available, clock.GetUtcNow());
        if (line != current)
        {
            await StateManager.SetStateAsync(LineKey, line);
        }
        return line;
    }

    private async Task<QueueLine> LineAsync() =>
        (await StateManager.TryGetStateAsync<QueueLine>(LineKey)) is { HasValue: true } stored
            ? stored.Value
            : QueueLine.Create(BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long))));
}
