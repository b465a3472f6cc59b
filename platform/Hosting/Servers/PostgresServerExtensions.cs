using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Processes;

namespace AmazonScale.Hosting.Servers;

public static class PostgresServerExtensions
{
    private const string ServiceAccount = "postgres";

    /// <summary>
    /// A throwaway PostgreSQL cluster (trust auth, loopback only) in the run folder. PostgreSQL refuses to run
    /// as root, so under root initdb and postgres run as the postgres account with the socket in the run folder.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddPostgresServer(this DistributedApplicationBuilder builder, string name)
    {
        var postgres = builder.AddExecutable(name, "postgres", ".");
        postgres.WithEndpoint();
        postgres.Resource.InstallHint = "PostgreSQL not found: install it (e.g. `sudo apt-get install postgresql`) or run with --profile local.";
        postgres.Resource.RunAsUser = ServiceAccount;
        postgres.Resource.Prepare = InitializeClusterAsync;
        postgres.Resource.Arguments = context =>
        [
            "-D", ClusterDirectory(context), "-k", SocketDirectory(context), "-p", context.Port.ToString(),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
        ];
        // The pgx DSN form that daprd's state.postgresql component documents.
        postgres.Resource.ConnectionString = context =>
            $"host=127.0.0.1 port={context.Port} user={ServiceAccount} database=postgres sslmode=disable";
        return postgres;
    }

    private static string ClusterDirectory(ExecutableContext context) => Path.Combine(context.DataDirectory, "cluster");

    private static string SocketDirectory(ExecutableContext context) => Path.Combine(context.DataDirectory, "socket");

    private static async Task InitializeClusterAsync(ExecutableContext context, CancellationToken cancellationToken)
    {
        var cluster = ClusterDirectory(context);
        if (File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            return;
        }
        Directory.CreateDirectory(cluster);
        Directory.CreateDirectory(SocketDirectory(context));
        if (ProcessIdentity.IsRoot)
        {
            await CommandRunner.RunAsync("chown", ["-R", ServiceAccount, context.DataDirectory], cancellationToken);
        }

        var initdb = Path.Combine(Path.GetDirectoryName(context.ResolvedCommand)!, "initdb");
        string[] initdbArguments = ["-D", cluster, "-U", ServiceAccount, "--auth=trust", "--no-sync", "-E", "UTF8"];
        var (file, arguments) = ProcessIdentity.RunAs(ServiceAccount, initdb, initdbArguments);
        await CommandRunner.RunAsync(file, arguments, cancellationToken);
    }
}
