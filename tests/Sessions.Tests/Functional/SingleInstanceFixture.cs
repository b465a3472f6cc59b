using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>One instance shared by the tests of a collection; each test uses its own user ids.</summary>
public sealed class SingleInstanceFixture : IAsyncLifetime
{
    public const int MaxSessionsPerUser = 3;

    private readonly ResourcesFolder _resources = SessionsInstance.LocalComponents();

    public SessionsInstance Instance { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Instance = await SessionsInstance.StartAsync(_resources, new Dictionary<string, string?>
        {
            ["Sessions:MaxSessionsPerUser"] = MaxSessionsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        _resources.Dispose();
    }

    public static string NewUserId() => $"user-{Guid.NewGuid():N}";
}

[CollectionDefinition(Name)]
public sealed class SingleInstanceCollection : ICollectionFixture<SingleInstanceFixture>
{
    public const string Name = "sessions single instance";
}
