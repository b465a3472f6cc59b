namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>Persistence of one instance. A save is atomic: metadata, history, inbox and outbox change together.</summary>
public interface IInstanceStore
{
    Task<InstanceRecord?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(InstanceRecord record, CancellationToken cancellationToken);

    Task DeleteAsync(CancellationToken cancellationToken);
}
