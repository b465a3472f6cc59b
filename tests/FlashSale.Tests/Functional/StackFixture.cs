namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// One flash-sale + payments stack shared by the functional tests (each test creates its own sale), and one of processes
/// that crash tests kill (<see cref="CrashStack"/>). Every test class that starts services belongs to this collection,
/// so they run one after another instead of crowding the machine.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public SaleStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await SaleStack.StartAsync();

    public Task DisposeAsync() => Stack.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>, ICollectionFixture<CrashStack>
{
    public const string Name = "flash-sale stack";
}
