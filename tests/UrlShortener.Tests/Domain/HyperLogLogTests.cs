using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Small_counts_are_exact(int distinct)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < distinct; i++)
        {
            sketch.Add($"visitor-{i}");
            sketch.Add($"visitor-{i}");
        }
        Assert.Equal(distinct, sketch.Estimate());
    }

    [Fact]
    public void Counts_in_the_hundreds_are_within_five_percent()
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < 500; i++)
        {
            sketch.Add($"visitor-{i}");
        }
        Assert.InRange(sketch.Estimate(), 475, 525);
    }

    [Fact]
    public void Large_counts_are_within_ten_percent()
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < 100_000; i++)
        {
            sketch.Add($"visitor-{i}");
        }
        Assert.InRange(sketch.Estimate(), 90_000, 110_000);
    }

    [Fact]
    public void Stored_registers_are_updated_in_place_and_wrong_sizes_are_rejected()
    {
        var registers = new byte[HyperLogLog.RegisterCount];
        HyperLogLog.AddTo(registers, "a");
        HyperLogLog.AddTo(registers, "b");
        HyperLogLog.AddTo(registers, "a");
        Assert.Equal(2, HyperLogLog.FromRegisters(registers).Estimate());
        Assert.Throws<ArgumentException>(() => HyperLogLog.AddTo(new byte[7], "a"));
        Assert.Equal(0, HyperLogLog.FromRegisters(new byte[7]).Estimate());
        Assert.Equal(0, HyperLogLog.FromRegisters(null).Estimate());
    }
}
