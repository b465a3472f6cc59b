namespace AmazonScale.Hosting.Tests;

/// <summary>Tests that start real processes run one class at a time: the machine has two cores and fixed ports.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}
