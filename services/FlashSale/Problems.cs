using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale;

/// <summary>The RFC 9457 problems this API answers with, worded once.</summary>
public static class Problems
{
    public static ProblemHttpResult SaleNotFound(string id) => New(404, "Sale not found", $"No sale '{id}'.");

    public static ProblemHttpResult InvalidToken(string kind) => New(403, "Invalid token", $"The {kind} token is missing, malformed, forged or for another sale.");

    /// <param name="mayReopen">Sent as the <c>may_reopen</c> extension so clients know, without parsing prose, whether retrying can help.</param>
    public static ProblemHttpResult SoldOut(bool mayReopen) => TypedResults.Problem(
        statusCode: 409,
        title: "Sold out",
        detail: mayReopen ? "Nothing is available right now; units held by others may come back if their reservations expire." : "Every unit is sold.",
        extensions: new Dictionary<string, object?> { ["may_reopen"] = mayReopen });

    public static ProblemHttpResult SaleEnded(string id) => New(410, "Sale ended", $"Sale '{id}' has ended.");

    public static ProblemHttpResult AdmissionExpired() => New(410, "Admission expired", "The admission window has passed; join the queue again.");

    public static ProblemHttpResult LimitReached(int limit) => New(409, "Limit reached", $"Each customer may buy {limit} unit(s) in this sale.");

    public static ProblemHttpResult ReservationNotFound() => New(404, "Reservation not found", "No such reservation.");

    public static ProblemHttpResult ReservationReleased(string? reason) => New(410, "Reservation released", $"The reservation was released ({reason}); its unit went back on sale.");

    public static ProblemHttpResult SaleConflict(string id) => New(409, "Sale exists", $"Sale '{id}' already exists with a different definition.");

    public static ProblemHttpResult Invalid(string field, string error) => TypedResults.Problem(
        statusCode: 400,
        title: "Invalid request",
        detail: "One or more fields are invalid; see errors.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [error] } });

    public static ProblemHttpResult New(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
