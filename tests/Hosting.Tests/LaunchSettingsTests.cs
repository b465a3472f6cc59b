using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

public sealed class LaunchSettingsTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("launch-settings-").FullName;

    [Fact]
    public void Prefers_the_http_profile_and_its_http_url()
    {
        Write("""
            {
              // comments are allowed, as in Visual Studio's files
              "profiles": {
                "https": { "commandName": "Project", "applicationUrl": "https://localhost:7001;http://localhost:5001" },
                "http": { "commandName": "Project", "applicationUrl": "https://localhost:7002;http://localhost:5002" },
              }
            }
            """);

        Assert.Equal(5002, LaunchSettings.ReadHttpPort(_project));
    }

    [Fact]
    public void Ignores_profiles_that_do_not_run_the_project()
    {
        Write("""{ "profiles": { "Docker": { "commandName": "Docker", "applicationUrl": "http://localhost:9000" } } }""");

        Assert.Null(LaunchSettings.ReadHttpPort(_project));
    }

    [Fact]
    public void A_named_profile_gives_a_second_resource_of_the_project_its_own_port()
    {
        var urlShortener = Path.Combine(RepositoryPaths.Root, "services", "UrlShortener");
        Assert.Equal(5201, LaunchSettings.ReadHttpPort(urlShortener));
        Assert.Equal(5202, LaunchSettings.ReadHttpPort(urlShortener, "analytics"));
    }

    [Fact]
    public void A_named_profile_that_does_not_exist_is_a_startup_problem()
    {
        Write("""{ "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:5001" } } }""");

        var problem = Assert.Throws<DistributedApplicationException>(() => LaunchSettings.ReadHttpPort(_project, "analytics"));
        Assert.Contains("'analytics'", problem.Message);
    }

    [Fact]
    public void Missing_file_means_no_fixed_port() => Assert.Null(LaunchSettings.ReadHttpPort(_project));

    [Fact]
    public void Reads_the_sample_services_ports()
    {
        Assert.Equal(5101, LaunchSettings.ReadHttpPort(Path.Combine(RepositoryPaths.Root, "samples", "HelloApi")));
        Assert.Equal(5102, LaunchSettings.ReadHttpPort(Path.Combine(RepositoryPaths.Root, "samples", "HelloWeb")));
    }

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private void Write(string json)
    {
        Directory.CreateDirectory(Path.Combine(_project, "Properties"));
        File.WriteAllText(Path.Combine(_project, "Properties", "launchSettings.json"), json);
    }
}
