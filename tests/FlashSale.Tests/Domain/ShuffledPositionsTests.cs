using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class ShuffledPositionsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Every_size_maps_tickets_onto_positions_one_to_one(int size)
    {
        var shuffle = new ShuffledPositions(size, seed: 12345);
        var positions = Enumerable.Range(1, size).Select(ticket => shuffle.PositionOf(ticket)).ToHashSet();
        Assert.Equal(size, positions.Count);
        Assert.All(positions, position => Assert.InRange(position, 1, size));
    }

    [Fact]
    public void Different_seeds_give_different_orders_and_the_same_seed_the_same_one()
    {
        var order = (long seed) => Enumerable.Range(1, 100).Select(ticket => new ShuffledPositions(100, seed).PositionOf(ticket)).ToList();
        Assert.Equal(order(1), order(1));
        Assert.NotEqual(order(1), order(2));
    }
}
