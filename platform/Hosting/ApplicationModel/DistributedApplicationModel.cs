namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>Every resource the app model declared, in declaration order. Inspectable without running anything.</summary>
public sealed class DistributedApplicationModel
{
    private readonly List<Resource> _resources = [];

    public IReadOnlyList<Resource> Resources => _resources;

    public IEnumerable<ProjectResource> Projects => _resources.OfType<ProjectResource>();

    public DaprComponentsResource? Components => _resources.OfType<DaprComponentsResource>().SingleOrDefault();

    public Resource this[string name] =>
        _resources.SingleOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    internal T Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return resource;
    }
}
