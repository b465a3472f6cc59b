using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

/// <summary>Records activation and deactivation of every test actor in the app's ActorEventLog.</summary>
public abstract class LoggedActor(ActorHost host, ActorEventLog log) : Actor(host)
{
    protected ActorEventLog Log { get; } = log;

    protected override Task OnActivateAsync()
    {
        Log.Record("activated", Host.ActorTypeInfo.ActorTypeName, Id.GetId());
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        Log.Record("deactivated", Host.ActorTypeInfo.ActorTypeName, Id.GetId());
        return Task.CompletedTask;
    }
}
