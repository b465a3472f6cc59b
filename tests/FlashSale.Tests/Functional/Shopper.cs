using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Queue;
using AmazonScale.FlashSale.Reservations;
using AmazonScale.TestSupport;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>One customer driving the public API the way a browser would: join, wait for admission, reserve, pay.</summary>
public sealed class Shopper(HttpClient http, string customerId)
{
    public const string BrowserUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    public string CustomerId { get; } = customerId;

    public HttpClient Http { get; } = http;

    public sealed record Answer<T>(HttpStatusCode Status, T? Body, string Raw);

    public Task<Answer<QueueJoinResponse>> JoinAsync(string saleId) =>
        SendAsync<QueueJoinResponse>(HttpMethod.Post, $"api/v1/sales/{saleId}/queue", new { customer_id = CustomerId });

    public Task<Answer<QueueStatusResponse>> QueueStatusAsync(string saleId, string queueToken) =>
        SendAsync<QueueStatusResponse>(HttpMethod.Get, $"api/v1/sales/{saleId}/queue/{queueToken}", null);

    public Task<Answer<ReservationResponse>> ReserveAsync(string saleId, string? admissionToken) =>
        SendAsync<ReservationResponse>(HttpMethod.Post, $"api/v1/sales/{saleId}/reserve", new { admission_token = admissionToken });

    /// <summary>
    /// Reserves with an admission token, retrying while the answer is "sold out, may reopen" as a real client would:
    /// an admission read from one monitor snapshot can meet a newer snapshot in which the last unit is held by someone
    /// else until their reservation expires.
    /// </summary>
    public async Task<Answer<ReservationResponse>> ReserveWhenAvailableAsync(string saleId, string admissionToken, TimeSpan timeout) =>
        await Poll.UntilAsync(
            () => ReserveAsync(saleId, admissionToken),
            answer => !(answer.Status == HttpStatusCode.Conflict && answer.Raw.Contains("\"may_reopen\":true", StringComparison.Ordinal)),
            timeout,
            $"{CustomerId}'s reservation");

    public Task<Answer<CheckoutResponse>> CheckoutAsync(string saleId, string reservationToken, string method = "sandbox_ok") =>
        SendAsync<CheckoutResponse>(HttpMethod.Post, $"api/v1/sales/{saleId}/checkout", new { reservation_token = reservationToken, payment_method = method });

    public Task<Answer<ReservationResponse>> ReservationAsync(string saleId, string reservationToken) =>
        SendAsync<ReservationResponse>(HttpMethod.Get, $"api/v1/sales/{saleId}/reservations/{reservationToken}", null);

    /// <summary>Joins, waits for admission and reserves one unit (asserting each step).</summary>
    public async Task<ReservationResponse> JoinAndReserveAsync(string saleId)
    {
        var joined = await JoinAsync(saleId);
        Assert.True(joined.Body is not null, joined.Raw);
        var turn = await WaitForAdmissionAsync(saleId, joined.Body.QueueToken, TimeSpan.FromSeconds(30));
        var reserved = await ReserveWhenAvailableAsync(saleId, turn.AdmissionToken!, TimeSpan.FromSeconds(30));
        Assert.True(reserved.Status == HttpStatusCode.Created, reserved.Raw);
        return reserved.Body!;
    }

    /// <summary>Polls the queue until the state is no longer "waiting" (admitted, sold out or expired).</summary>
    public async Task<QueueStatusResponse> WaitForTurnAsync(string saleId, string queueToken, TimeSpan timeout)
    {
        var answer = await Poll.UntilAsync(
            () => QueueStatusAsync(saleId, queueToken),
            status => status.Body is { State: not QueueState.Waiting },
            timeout,
            $"{CustomerId}'s turn");
        return answer.Body!;
    }

    /// <summary>Polls the queue until admitted, waiting through a sold-out that may reopen (units coming back).</summary>
    public async Task<QueueStatusResponse> WaitForAdmissionAsync(string saleId, string queueToken, TimeSpan timeout) =>
        (await Poll.UntilAsync(
            () => QueueStatusAsync(saleId, queueToken),
            status => status.Body is { State: QueueState.Admitted },
            timeout,
            $"{CustomerId}'s admission")).Body!;

    /// <summary>Polls the reservation until it is sold or released.</summary>
    public async Task<ReservationResponse> WaitForOutcomeAsync(string saleId, string reservationToken, TimeSpan timeout) =>
        (await Poll.UntilAsync(
            () => ReservationAsync(saleId, reservationToken),
            answer => answer.Body is { Status: ReservationStatus.Sold or ReservationStatus.Released },
            timeout,
            $"{CustomerId}'s reservation outcome")).Body!;

    private async Task<Answer<T>> SendAsync<T>(HttpMethod method, string path, object? body) where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var parsed = response.IsSuccessStatusCode && raw.Length > 0 ? JsonSerializer.Deserialize<T>(raw, SaleStack.Json) : null;
        return new Answer<T>(response.StatusCode, parsed, raw);
    }
}
