using System.Xml.Linq;
using AmazonScale.Hosting.ApplicationModel;

namespace AmazonScale.Hosting.Tests;

/// <summary>
/// The AppHost launches each project from its build output, so `dotnet run --project AppHost` must build every project
/// the app model starts: a service added to the model without a ProjectReference would fail with "dll not found".
/// </summary>
public sealed class AppHostProjectReferenceTests
{
    [Fact]
    public void AppHost_references_every_project_of_the_app_model()
    {
        var appHostProject = Path.Combine(RepositoryPaths.Root, "AppHost", "AppHost.csproj");
        var referenced = XDocument.Load(appHostProject).Descendants("ProjectReference")
            .Select(reference => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "AppHost", reference.Attribute("Include")!.Value.Replace('\\', '/'))))
            .ToHashSet();
        var builder = TestApplications.CreateBuilder(new RecordingReporter(), "--profile", "local");
        AppModel.Configure(builder);

        var launched = builder.Model.Resources.OfType<ProjectResource>().Select(project => Path.GetFullPath(project.ProjectPath)).ToList();

        Assert.NotEmpty(launched);
        Assert.All(launched, project => Assert.Contains(project, referenced));
    }
}
