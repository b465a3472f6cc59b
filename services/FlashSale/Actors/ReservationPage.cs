using System.Globalization;
using System.Text.Json.Serialization;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// One state key of a shard holding the reservations (and void markers) whose ids hash to it. A key per reservation
/// cost a store read for every new id (the actor state manager must learn whether a key exists before it writes it)
/// and a state tracker that grew with the sale and was walked on every save; with a fixed number of pages a shard reads
/// each page once per activation and its tracker stays the same size all sale long. More pages mean smaller writes
/// but more first reads and a longer tracker walk: 64 keep a 1,000-unit shard's pages around 20 entries each.
/// </summary>
[JsonConverter(typeof(ReservationPageJsonConverter))]
public sealed class ReservationPage
{
    public const int Count = 64;

    private static readonly string[] Keys = [.. Enumerable.Range(0, Count).Select(page => $"reservations:{page.ToString(CultureInfo.InvariantCulture)}")];

    /// <summary>Kept in ordinal order: stored in the order the sidecar stores JSON in, it is copied there as it is.</summary>
    internal SortedDictionary<string, ShardReservation> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The state key of the page that holds <paramref name="reservationId"/>: the same in every process and run.</summary>
    public static string KeyOf(string reservationId) => Keys[StableHash.Of(reservationId) % Count];

    public ShardReservation? Find(string reservationId) => Entries.GetValueOrDefault(reservationId);

    public void Put(ShardReservation reservation) => Entries[reservation.Id] = reservation;
}
