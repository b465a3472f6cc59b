using AmazonScale.TestActorHost.Actors;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Actor method calls through the sidecar with the real Dapr.Actors SDK on both sides.</summary>
public sealed class ActorInvocationTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private ActorNode Node => fixture.Node;

    [Fact]
    public async Task Strongly_typed_proxy_calls_keep_state_across_calls()
    {
        var counter = Node.Proxy<ICounterActor>("typed-1", nameof(CounterActor));
        Assert.Equal(2, await counter.IncrementAsync(2));
        Assert.Equal(5, await counter.IncrementAsync(3));
        Assert.Equal(5, await counter.GetAsync());
    }

    [Fact]
    public async Task Weakly_typed_proxy_sends_and_receives_json()
    {
        var proxy = ActorProxy.Create(new ActorId("weak-1"), nameof(CounterActor), new ActorProxyOptions { HttpEndpoint = Node.Endpoint });
        Assert.Equal(7, await proxy.InvokeMethodAsync<long, long>(nameof(ICounterActor.IncrementAsync), 7));
        Assert.Equal(7, await proxy.InvokeMethodAsync<long>(nameof(ICounterActor.GetAsync)));
    }

    [Fact]
    public async Task Default_style_endpoint_with_trailing_slash_sends_double_slash_paths_that_still_route()
    {
        var counter = ActorProxy.Create<ICounterActor>(new ActorId("slash-1"), nameof(CounterActor),
            new ActorProxyOptions { HttpEndpoint = Node.Endpoint + "/" });
        Assert.Equal(4, await counter.IncrementAsync(4));
    }

    [Fact]
    public async Task Remoting_exception_comes_back_through_the_error_response_header()
    {
        var counter = Node.Proxy<ICounterActor>("fail-1", nameof(CounterActor));
        var error = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => counter.FailAsync("boom"));
        Assert.Contains("boom", error.ToString());
    }

    [Fact]
    public async Task Weakly_typed_failure_is_ERR_ACTOR_INVOKE_METHOD()
    {
        var proxy = ActorProxy.Create(new ActorId("fail-2"), nameof(CounterActor), new ActorProxyOptions { HttpEndpoint = Node.Endpoint });
        var error = await Assert.ThrowsAsync<DaprApiException>(() => proxy.InvokeMethodAsync(nameof(ICounterActor.FailAsync), "boom"));
        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", error.ErrorCode);
    }

    [Fact]
    public async Task Unknown_actor_type_surfaces_as_an_sdk_error()
    {
        var proxy = Node.Proxy<ICounterActor>("1", "NoSuchActor");
        var error = await Assert.ThrowsAsync<DaprApiException>(() => proxy.GetAsync());
        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", error.ErrorCode);
        Assert.Contains("did not find address for actor 'NoSuchActor/1'", error.Message);
    }

    [Fact]
    public async Task Thousand_concurrent_callers_on_one_actor_run_one_turn_at_a_time()
    {
        var counter = Node.Proxy<ICounterActor>("hot-1", nameof(CounterActor));
        await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => counter.IncrementAsync(1))));
        Assert.Equal(1_000, await counter.GetAsync());
        Assert.Equal(1, Node.Log.MaxConcurrency);
    }

    [Fact]
    public async Task Concurrent_transfers_between_accounts_conserve_the_total()
    {
        var sources = Enumerable.Range(0, 4).Select(i => $"src-{i}").ToArray();
        var targets = Enumerable.Range(0, 4).Select(i => $"dst-{i}").ToArray();
        foreach (var source in sources)
        {
            await Node.Proxy<IBankAccountActor>(source, nameof(BankAccountActor)).DepositAsync(1_000);
        }
        var random = new Random(42);
        var transfers = Enumerable.Range(0, 200)
            .Select(_ => (From: sources[random.Next(sources.Length)], To: targets[random.Next(targets.Length)], Amount: (long)random.Next(1, 60)))
            .ToList();

        // Money only flows from sources to targets, so no two transfers wait on each other in a cycle.
        var results = await Task.WhenAll(transfers.Select(t =>
            Node.Proxy<IBankAccountActor>(t.From, nameof(BankAccountActor)).TransferAsync(t.To, t.Amount)));

        var balances = new Dictionary<string, long>();
        foreach (var account in sources.Concat(targets))
        {
            balances[account] = await Node.Proxy<IBankAccountActor>(account, nameof(BankAccountActor)).GetBalanceAsync();
        }
        Assert.Equal(4_000, balances.Values.Sum());
        Assert.Equal(transfers.Where((_, i) => results[i]).Sum(t => t.Amount), targets.Sum(t => balances[t]));
        Assert.All(balances.Values, balance => Assert.True(balance >= 0));
    }
}
