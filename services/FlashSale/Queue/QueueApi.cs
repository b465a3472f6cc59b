using System.Runtime.CompilerServices;
using AmazonScale.FlashSale.BotDefence;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale.Queue;

/// <summary>/api/v1/sales/{id}/queue: join the virtual queue, then watch the position (JSON or Server-Sent Events).</summary>
public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this RouteGroupBuilder sales)
    {
        sales.MapPost("/{id}/queue", JoinQueue).WithName(nameof(JoinQueue)).WithSummary("Join the queue (idempotent per customer) and get a queue token")
            .AddEndpointFilter<BotDefenceFilter>();
        sales.MapGet("/{id}/queue/{token}", GetQueueStatus).WithName(nameof(GetQueueStatus))
            .WithSummary("Position, estimated wait and state (waiting, admitted with an admission token, sold_out, expired)");
        sales.MapGet("/{id}/queue/{token}/events", StreamQueueStatus).WithName(nameof(StreamQueueStatus))
            .WithSummary("The same status as Server-Sent Events, one event per change, until admitted, expired or finally sold out");
        return sales;
    }

    public static async Task<Results<Created<QueueJoinResponse>, Ok<QueueJoinResponse>, ProblemHttpResult>> JoinQueue(
        string id, JoinQueueRequest request, SaleCatalog catalog, SaleMonitor monitor, QueueTickets tickets, SaleTokens tokens, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.CustomerId is not { } customerId || !Ids.Customer().IsMatch(customerId))
        {
            return Problems.Invalid("customer_id", "customer_id must be 1-64 letters, digits, '_', '.' or '-'.");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        if (sale.HasEnded(clock.GetUtcNow()))
        {
            return Problems.SaleEnded(id);
        }
        var snapshot = await monitor.SnapshotAsync(sale, cancellationToken);
        if (snapshot.Available + snapshot.Reserved == 0)
        {
            // Inventory-aware queue: nobody is made to wait for stock that is gone for good.
            return Problems.SoldOut(mayReopen: false);
        }
        var (joined, ticket) = await tickets.JoinAsync(sale, customerId, cancellationToken);
        var queueTicket = new QueueTicket(sale.Id, customerId, ticket);
        var response = new QueueJoinResponse(tokens.Issue(queueTicket), ticket, Status(snapshot, queueTicket, tokens, clock.GetUtcNow()));
        return joined ? TypedResults.Created($"/api/v1/sales/{sale.Id}/queue/{response.QueueToken}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> GetQueueStatus(
        string id, string token, SaleCatalog catalog, SaleMonitor monitor, SaleTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (tokens.ReadTicket(token) is not { } ticket || ticket.SaleId != id)
        {
            return Problems.InvalidToken("queue");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        return TypedResults.Ok(Status(await monitor.SnapshotAsync(sale, cancellationToken), ticket, tokens, clock.GetUtcNow()));
    }

    public static async Task<Results<ServerSentEventsResult<QueueStatusResponse>, ProblemHttpResult>> StreamQueueStatus(
        string id, string token, SaleCatalog catalog, SaleMonitor monitor, SaleTokens tokens, TimeProvider clock, FlashSaleOptions options,
        CancellationToken cancellationToken)
    {
        if (tokens.ReadTicket(token) is not { } ticket || ticket.SaleId != id)
        {
            return Problems.InvalidToken("queue");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        return TypedResults.ServerSentEvents(Changes(sale, ticket, monitor, tokens, clock, options.MonitorInterval, cancellationToken), "status");
    }

    private static async IAsyncEnumerable<QueueStatusResponse> Changes(
        SaleDefinition sale, QueueTicket ticket, SaleMonitor monitor, SaleTokens tokens, TimeProvider clock, TimeSpan interval,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueueStatusResponse? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = Status(await monitor.SnapshotAsync(sale, cancellationToken), ticket, tokens, clock.GetUtcNow());
            if (last is null || status.State != last.State || status.Position != last.Position || status.Ahead != last.Ahead)
            {
                last = status;
                yield return status;
            }
            if (status.IsFinal)
            {
                yield break;
            }
            await Task.Delay(interval, clock, cancellationToken);
        }
    }

    private static QueueStatusResponse Status(SaleSnapshot snapshot, QueueTicket ticket, SaleTokens tokens, DateTimeOffset now)
    {
        var standing = QueueStanding.Of(snapshot.Sale, snapshot.Line, snapshot.Available, snapshot.Reserved, ticket.Ticket, now);
        var admission = standing.AdmissionExpiresAt is { } expires ? tokens.Issue(new Admission(ticket.SaleId, ticket.CustomerId, expires)) : null;
        return new QueueStatusResponse(standing.State, standing.Position, standing.Ahead, standing.EstimatedWaitSeconds, standing.MayReopen, admission, standing.AdmissionExpiresAt);
    }
}
