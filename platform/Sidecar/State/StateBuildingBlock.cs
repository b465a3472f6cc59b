using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Grpc;
using AmazonScale.Sidecar.State.Stores;

namespace AmazonScale.Sidecar.State;

public static class StateBuildingBlock
{
    /// <summary>State components (in-memory, SQLite, Redis, PostgreSQL v2), the state API and the actor store locator.</summary>
    public static IServiceCollection AddStateBuildingBlock(this IServiceCollection services)
    {
        services.AddSingleton<IComponentFactory, InMemoryStateStoreFactory>();
        services.AddSingleton<IComponentFactory, SqliteStateStoreFactory>();
        services.AddSingleton<IComponentFactory, RedisStateStoreFactory>();
        services.AddSingleton<IComponentFactory, PostgresStateStoreFactory>();
        services.AddSingleton<StateStoreCatalog>();
        services.AddHostedService(sp => sp.GetRequiredService<StateStoreCatalog>());
        services.AddSingleton<ActorStateStoreLocator>();
        services.AddSingleton<StateService>();
        services.AddSingleton<IDaprGrpcMethods, StateGrpcMethods>();
        return services;
    }
}
