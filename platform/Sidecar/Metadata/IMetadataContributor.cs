namespace AmazonScale.Sidecar.Metadata;

/// <summary>A building block that reports its state (subscriptions, active actors) in the metadata API.</summary>
public interface IMetadataContributor
{
    void Contribute(MetadataSnapshot snapshot);
}
