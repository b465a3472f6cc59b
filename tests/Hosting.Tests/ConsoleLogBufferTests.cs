using AmazonScale.Hosting.Processes;

namespace AmazonScale.Hosting.Tests;

public sealed class ConsoleLogBufferTests
{
    [Fact]
    public void Keeps_the_last_lines_in_order_with_increasing_sequences()
    {
        var buffer = new ConsoleLogBuffer(capacity: 3);
        foreach (var i in Enumerable.Range(1, 5))
        {
            buffer.Add($"line {i}", isError: i == 5);
        }

        var lines = buffer.After(0);

        Assert.Equal(["line 3", "line 4", "line 5"], lines.Select(l => l.Text));
        Assert.Equal([3L, 4L, 5L], lines.Select(l => l.Sequence));
        Assert.True(lines[^1].IsError);
    }

    [Fact]
    public void Resumes_after_a_sequence()
    {
        var buffer = new ConsoleLogBuffer();
        buffer.Add("a", false);
        buffer.Add("b", false);
        buffer.Add("c", true);

        Assert.Equal(["c"], buffer.After(2).Select(l => l.Text));
        Assert.Empty(buffer.After(3));
    }

    [Fact]
    public void Default_capacity_is_aspires_ten_thousand_lines()
    {
        var buffer = new ConsoleLogBuffer();
        foreach (var i in Enumerable.Range(1, 10_050))
        {
            buffer.Add(i.ToString(), false);
        }

        var lines = buffer.After(0);
        Assert.Equal(10_000, lines.Count);
        Assert.Equal("51", lines[0].Text);
    }
}
