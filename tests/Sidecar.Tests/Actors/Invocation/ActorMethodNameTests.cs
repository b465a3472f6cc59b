using AmazonScale.Sidecar.Actors;
using AmazonScale.Sidecar.Actors.Invocation;
using AmazonScale.Sidecar.Actors.Runtime;

namespace AmazonScale.Sidecar.Tests.Actors.Invocation;

public sealed class ActorMethodNameTests
{
    [Theory]
    [InlineData("IncrementAsync", "IncrementAsync")]
    [InlineData("timer/t1", "timer/t1")]
    [InlineData("a//./b/", "a/b")]
    [InlineData("a/../b", "b")]
    [InlineData("../../../admin", "admin")]
    [InlineData("with space?x=1#f", "with%20space%3Fx%3D1%23f")]
    public void Cleans_and_escapes_like_daprd(string method, string path) => Assert.Equal(path, ActorMethodName.ToPath(method));

    [Fact]
    public void Method_paths_stay_under_the_actor()
    {
        var uri = new Uri(new Uri("http://127.0.0.1:5000/"), ActorAppClient.MethodPath(new ActorKey("T", "id/1"), "../../../../admin"));
        Assert.Equal("/actors/T/id%2F1/method/admin", uri.AbsolutePath);
    }
}
