using System.Globalization;
using System.Text.Json.Serialization;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// One state key of a shard holding the reservations (and void markers) whose ids hash to it. A key per reservation
/// cost a store read for every new id (the actor state manager must learn whether a key exists before it writes it)
/// and a state tracker that grew with the sale and was walked on every save; with a fixed number of pages a shard reads
/// each page once per activation and its tracker stays the same size all sale long. A page is written whole whenever
/// one of its entries changes, so fewer pages mean more bytes per save (serialized here, parsed and stored by the
/// sidecar) and more pages mean more first reads and a longer tracker walk. Measured in the flash-sale bench, 16 pages
/// in use cost its sidecar more in bytes than they saved in reads; 32 pages in use (~20 entries each once a 625-unit
/// shard sold out) is the setting measured since. (Those measurements named 64 and 128 pages: the page was then the
/// FNV hash modulo the count, which for one shard's customers reached only a quarter of the pages.)
/// </summary>
[JsonConverter(typeof(ReservationPageJsonConverter))]
public sealed class ReservationPage
{
    public const int Count = 32;

    /// <summary>Every page's state key.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Enumerable.Range(0, Count).Select(page => $"reservations:{page.ToString(CultureInfo.InvariantCulture)}")];

    /// <summary>Kept in ordinal order: stored in the order the sidecar stores JSON in, it is copied there as it is.</summary>
    internal SortedDictionary<string, ShardReservation> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The state key of the page that holds <paramref name="reservationId"/>: the same in every process and run.</summary>
    public static string KeyOf(string reservationId) => Keys[(int)(StableHash.Mixed(reservationId) % Count)];

    public ShardReservation? Find(string reservationId) => Entries.GetValueOrDefault(reservationId);

    public void Put(ShardReservation reservation) => Entries[reservation.Id] = reservation;
}
