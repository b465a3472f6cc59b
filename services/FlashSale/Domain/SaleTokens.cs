using System.Globalization;

namespace AmazonScale.FlashSale.Domain;

/// <summary>A customer's place in a sale's queue (given when joining; shown to read the queue status).</summary>
public sealed record QueueTicket(string SaleId, string CustomerId, long Ticket);

/// <summary>Permission to reserve, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record Admission(string SaleId, string CustomerId, DateTimeOffset ExpiresAt);

/// <summary>Proof that the bearer owns a reservation (needed for checkout and its status), with where it lives.</summary>
public sealed record ReservationClaim(string SaleId, string CustomerId, int Shard, string ReservationId);

/// <summary>The three signed tokens of a sale, each tagged with its kind so one can never stand in for another.</summary>
public sealed class SaleTokens(TokenSigner signer)
{
    public string Issue(QueueTicket ticket) => signer.Sign("q", ticket.SaleId, ticket.CustomerId, Number(ticket.Ticket));

    public string Issue(Admission admission) =>
        signer.Sign("a", admission.SaleId, admission.CustomerId, Number(admission.ExpiresAt.ToUnixTimeMilliseconds()));

    public string Issue(ReservationClaim claim) =>
        signer.Sign("r", claim.SaleId, claim.CustomerId, Number(claim.Shard), claim.ReservationId);

    public QueueTicket? ReadTicket(string? token) =>
        signer.Verify(token) is ["q", var sale, var customer, var ticket] && long.TryParse(ticket, CultureInfo.InvariantCulture, out var number)
            ? new QueueTicket(sale, customer, number)
            : null;

    public Admission? ReadAdmission(string? token) =>
        signer.Verify(token) is ["a", var sale, var customer, var expires] && long.TryParse(expires, CultureInfo.InvariantCulture, out var millis)
            ? new Admission(sale, customer, DateTimeOffset.FromUnixTimeMilliseconds(millis))
            : null;

    public ReservationClaim? ReadReservation(string? token) =>
        signer.Verify(token) is ["r", var sale, var customer, var shard, var id] && int.TryParse(shard, CultureInfo.InvariantCulture, out var number)
            ? new ReservationClaim(sale, customer, number, id)
            : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
