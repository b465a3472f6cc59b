using AmazonScale.Hosting.ApplicationModel;

namespace AmazonScale.Hosting.Tests;

/// <summary>dapr.yaml (for Dapr CLI users) must describe the same system as the AppHost's app model.</summary>
public sealed class DaprRunFileTests
{
    [Fact]
    public void Lists_the_same_apps_ports_and_resources_path_as_the_app_model()
    {
        var runFile = Yaml.LoadDocuments(Path.Combine(RepositoryPaths.Root, "dapr.yaml")).Single();
        var builder = TestApplications.CreateBuilder(new RecordingReporter(), "--profile", "local");
        AppModel.Configure(builder);

        Assert.Equal("1", runFile.Scalar("version"));
        Assert.Equal(builder.Model.Components!.SourceDirectory, FromRoot(runFile.Scalar("common", "resourcesPath")));

        var fileApps = runFile.Sequence("apps")
            .Select(app => (AppId: app.Scalar("appID"), Directory: FromRoot(app.Scalar("appDirPath")), Port: int.Parse(app.Scalar("appPort"))))
            .OrderBy(app => app.AppId).ThenBy(app => app.Port);
        var modelApps = builder.Model.Resources.OfType<DaprSidecarResource>()
            .Select(sidecar => (sidecar.AppId, Directory: sidecar.App.ProjectDirectory, Port: sidecar.App.LaunchProfilePort!.Value))
            .OrderBy(app => app.AppId).ThenBy(app => app.Port);
        Assert.Equal(modelApps, fileApps);
    }

    private static string FromRoot(string relative) => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, relative));
}
