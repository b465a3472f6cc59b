using System.Text;
using AmazonScale.Sidecar.PubSub.Delivery;

namespace AmazonScale.Sidecar.Tests.PubSub;

public sealed class AppResponseClassifierTests
{
    [Theory]
    [InlineData(200, "", DeliveryStatus.Success)]
    [InlineData(204, "", DeliveryStatus.Success)]
    [InlineData(200, "ok", DeliveryStatus.Success)]
    [InlineData(200, "{\"status\":\"SUCCESS\"}", DeliveryStatus.Success)]
    [InlineData(200, "{\"status\":\"\"}", DeliveryStatus.Success)]
    [InlineData(200, "{\"other\":1}", DeliveryStatus.Success)]
    [InlineData(200, "{\"status\":\"RETRY\"}", DeliveryStatus.Retry)]
    [InlineData(200, "{\"status\":\"DROP\"}", DeliveryStatus.Drop)]
    [InlineData(200, "{\"status\":\"MAYBE\"}", DeliveryStatus.Retry)]
    [InlineData(404, "", DeliveryStatus.Drop)]
    [InlineData(500, "", DeliveryStatus.Retry)]
    [InlineData(400, "{\"status\":\"SUCCESS\"}", DeliveryStatus.Retry)]
    [InlineData(503, "", DeliveryStatus.Retry)]
    public void Reads_the_app_answer_as_daprd_does(int status, string body, DeliveryStatus expected) =>
        Assert.Equal(expected, AppResponseClassifier.Classify(status, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Retry_delays_double_from_half_a_second_up_to_ten_seconds()
    {
        var policy = DeliveryRetryPolicy.Default;
        Assert.Equal([500, 1000, 2000, 4000, 8000, 10000, 10000], Enumerable.Range(1, 7).Select(a => policy.DelayAfter(a).TotalMilliseconds));
    }
}
