using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// A page as Go's json.Marshal would write it (compact, object keys in byte order), which is how daprd stores actor
/// state: the sidecar then keeps the bytes as they came instead of decoding and re-encoding every page on every save.
/// Members holding their default value are left out, which also keeps the page small. Ids and customer ids are
/// validated to characters JSON writers do not escape; a string that still needed escaping would only send the sidecar
/// down its slower re-encoding path, storing the same bytes.
/// </summary>
public sealed class ReservationPageJsonConverter : JsonConverter<ReservationPage>
{
    public override ReservationPage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a reservation page is a JSON object");
        }
        var page = new ReservationPage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            page.Put(JsonSerializer.Deserialize<ShardReservation>(ref reader, options) ?? throw new JsonException("a reservation page holds no nulls"));
        }
        return page;
    }

    public override void Write(Utf8JsonWriter writer, ReservationPage page, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (id, reservation) in page.Entries)
        {
            writer.WritePropertyName(id);
            WriteReservation(writer, reservation);
        }
        writer.WriteEndObject();
    }

    /// <summary>Members in byte order of their (camel-case) names.</summary>
    private static void WriteReservation(Utf8JsonWriter writer, ShardReservation reservation)
    {
        writer.WriteStartObject();
        writer.WriteString("customerId"u8, reservation.CustomerId);
        writer.WriteString("expiresAt"u8, reservation.ExpiresAt);
        if (reservation.FollowUpDue)
        {
            writer.WriteBoolean("followUpDue"u8, true);
        }
        writer.WriteString("id"u8, reservation.Id);
        if (reservation.PaymentAnswered)
        {
            writer.WriteBoolean("paymentAnswered"u8, true);
        }
        if (reservation.PaymentMethod is { } method)
        {
            writer.WriteString("paymentMethod"u8, method);
        }
        if (reservation.PaymentRequestedAt is { } requestedAt)
        {
            writer.WriteString("paymentRequestedAt"u8, requestedAt);
        }
        if (reservation.RefundRequested)
        {
            writer.WriteBoolean("refundRequested"u8, true);
        }
        if (reservation.ReleaseReason is { } reason)
        {
            writer.WriteString("releaseReason"u8, reason);
        }
        writer.WriteNumber("status"u8, (int)reservation.Status);
        writer.WriteEndObject();
    }
}
