using System.Runtime.Serialization;
using Dapr.Actors;

namespace AmazonScale.TestActorHost.Actors;

/// <summary>A reminder or timer to register; a DataContract because remoting proxies serialise arguments with DataContractSerializer.</summary>
[DataContract]
public sealed record ScheduleSpec(
    [property: DataMember] string Name,
    [property: DataMember] TimeSpan DueTime,
    [property: DataMember] TimeSpan Period,
    [property: DataMember] int? Repetitions,
    [property: DataMember] string Data);

public interface IReminderActor : IActor
{
    Task ScheduleReminderAsync(ScheduleSpec spec);

    Task CancelReminderAsync(string name);

    /// <summary>The reminder as the sidecar reports it, or null.</summary>
    Task<string?> GetReminderPeriodAsync(string name);

    Task StartTimerAsync(ScheduleSpec spec);

    Task StopTimerAsync(string name);

    Task TouchAsync();
}
