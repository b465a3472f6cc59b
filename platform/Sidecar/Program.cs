using AmazonScale.Sidecar;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Hosting;

try
{
    var app = SidecarApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is SidecarOptionsException or ComponentException)
{
    // daprd prints a single fatal line and exits 1 on bad flags or components; so do we.
    Console.Error.WriteLine($"fatal: {ex.Message}");
    return 1;
}
