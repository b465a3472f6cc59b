using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.FlashSale.Sales;

/// <summary>/api/v1/sales: create a sale (admin), read its live numbers, audit its shards (admin).</summary>
public static class SalesApi
{
    public const int MaxIdempotencyKeyLength = 255;

    public static RouteGroupBuilder MapSalesApi(this RouteGroupBuilder sales)
    {
        sales.MapPost("/", CreateSale).WithName(nameof(CreateSale)).WithSummary("Create a sale (X-Admin-Key; idempotent on id or Idempotency-Key)")
            .AddEndpointFilter<AdminKeyFilter>();
        sales.MapGet("/{id}", GetSale).WithName(nameof(GetSale))
            .WithSummary("Live numbers: available, reserved, sold (available + reserved + sold == units), queue length, admission rate");
        sales.MapGet("/{id}/audit", AuditSale).WithName(nameof(AuditSale))
            .WithSummary("Every shard's ledger and reservations, checked one for one (X-Admin-Key)")
            .AddEndpointFilter<AdminKeyFilter>();
        return sales;
    }

    public static async Task<Results<Created<SaleStatusResponse>, Ok<SaleStatusResponse>, ValidationProblem, ProblemHttpResult>> CreateSale(
        CreateSaleRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SaleCatalog catalog, SaleMonitor monitor,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
        {
            return Problems.Invalid("Idempotency-Key", $"Idempotency-Key must be at most {MaxIdempotencyKeyLength} characters.");
        }
        var now = clock.GetUtcNow();
        var errors = SaleValidation.Validate(request, idempotencyKey, now, out var sale);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid sale");
        }
        var (created, stored) = await catalog.CreateAsync(sale!, cancellationToken);
        if (!created && !SameDefinition(request, stored, sale!))
        {
            return Problems.SaleConflict(stored.Id);
        }
        var status = SaleStatusResponse.From(await monitor.SnapshotAsync(stored, cancellationToken), now);
        return created ? TypedResults.Created($"/api/v1/sales/{stored.Id}", status) : TypedResults.Ok(status);
    }

    public static async Task<Results<Ok<SaleStatusResponse>, ProblemHttpResult>> GetSale(
        string id, SaleCatalog catalog, SaleMonitor monitor, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Ids.Sale().IsMatch(id) || await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        return TypedResults.Ok(SaleStatusResponse.From(await monitor.ReadAsync(sale, cancellationToken), clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<SaleAuditResponse>, ProblemHttpResult>> AuditSale(
        string id, SaleCatalog catalog, SaleActors actors, CancellationToken cancellationToken)
    {
        if (!Ids.Sale().IsMatch(id) || await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        var shards = (await actors.AuditAsync(sale, cancellationToken)).Select((audit, shard) => new ShardAuditView(shard, audit.Ledger, IsExact(audit), audit.Reservations)).ToList();
        return TypedResults.Ok(new SaleAuditResponse(sale.Id, shards.All(shard => shard.Consistent), shards));
    }

    /// <summary>A repeated create names the same sale; times the request left to default ("now") may differ.</summary>
    private static bool SameDefinition(CreateSaleRequest request, SaleDefinition stored, SaleDefinition requested) =>
        stored == requested with
        {
            StartsAt = request.StartsAt is null ? stored.StartsAt : requested.StartsAt,
            EndsAt = request.EndsAt is null ? stored.EndsAt : requested.EndsAt,
        };

    /// <summary>The counters agree with the reservations one for one (a unit released twice would break this).</summary>
    private static bool IsExact(ShardAudit audit)
    {
        var (ledger, reservations) = (audit.Ledger, audit.Reservations);
        return ledger.IsConsistent
            && reservations.Count == ledger.Created
            && reservations.Count(r => r.IsActive) == ledger.Reserved
            && reservations.Count(r => r.Status == ReservationStatus.Sold) == ledger.Sold
            && reservations.Count(r => r.Status == ReservationStatus.Released) == ledger.Released
            && reservations.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() == reservations.Count;
    }
}
