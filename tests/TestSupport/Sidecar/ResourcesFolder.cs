namespace AmazonScale.TestSupport.Sidecar;

/// <summary>A temporary --resources-path folder (and a registry folder) that a test fills with YAML.</summary>
public sealed class ResourcesFolder : IDisposable
{
    public ResourcesFolder()
    {
        Root = Directory.CreateTempSubdirectory("sidecar-test-").FullName;
        Path = System.IO.Path.Combine(Root, "components");
        RegistryDirectory = System.IO.Path.Combine(Root, "registry");
        Directory.CreateDirectory(Path);
    }

    public string Root { get; }

    public string Path { get; }

    public string RegistryDirectory { get; }

    public ResourcesFolder Write(string fileName, string yaml)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), yaml);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
