using System.Net;
using System.Net.Sockets;
using AmazonScale.Dashboard.Tests.Support;

namespace AmazonScale.Dashboard.Tests;

public sealed class DashboardHostTests
{
    [Fact]
    public async Task Fixed_ports_listen_on_localhost_and_the_urls_name_them()
    {
        var (ui, http, grpc) = (FreePort(), FreePort(), FreePort());
        var options = new DashboardOptions { UiPort = ui, OtlpHttpPort = http, OtlpGrpcPort = grpc, AllowAnonymous = true };

        await using var dashboard = await DashboardHost.StartAsync(options, new FakeResourceService(), CancellationToken.None);

        Assert.Equal(new Uri($"http://localhost:{ui}/"), dashboard.UiUrl);
        Assert.Equal(new Uri($"http://localhost:{http}/"), dashboard.OtlpHttpUrl);
        Assert.Equal(new Uri($"http://localhost:{grpc}/"), dashboard.OtlpGrpcUrl);
        Assert.Equal($"http://localhost:{ui}/login?t={options.BrowserToken}", dashboard.LoginUrl.ToString());
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{ui}/api/resources")).StatusCode);
    }

    [Fact]
    public async Task A_busy_port_fails_the_start_and_releases_the_ports_already_bound()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var ui = FreePort();
        var options = new DashboardOptions { UiPort = ui, OtlpHttpPort = ((IPEndPoint)busy.LocalEndpoint).Port, OtlpGrpcPort = 0 };

        await Assert.ThrowsAnyAsync<IOException>(() => DashboardHost.StartAsync(options, new FakeResourceService(), CancellationToken.None));

        using var rebind = new TcpListener(IPAddress.Loopback, ui);
        rebind.Start();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
