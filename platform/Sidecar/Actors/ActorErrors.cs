using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.Actors;

/// <summary>Actor API errors with daprd's codes and statuses (pkg/messages/predefined.go).</summary>
public static class ActorErrors
{
    public static DaprError InvokeMethod(string detail) =>
        new("ERR_ACTOR_INVOKE_METHOD", 500, StatusCode.Internal, $"error invoke actor method: {detail}");

    /// <summary>No live sidecar hosts the type: daprd's placement lookup fails the same way (after waiting 5 s).</summary>
    public static DaprError NoHost(ActorKey actor) =>
        InvokeMethod($"failed to lookup actor: api error: code = FailedPrecondition desc = did not find address for actor '{actor.Type}/{actor.Id}'");

    public static DaprError RuntimeNotFound() =>
        new("ERR_ACTOR_RUNTIME_NOT_FOUND", 500, StatusCode.Internal,
            "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?");

    public static DaprError MaxStackDepthExceeded() =>
        new("ERR_ACTOR_MAX_STACK_DEPTH_EXCEEDED", 500, StatusCode.ResourceExhausted, "maximum stack depth exceeded");

    public static DaprError StateGet(string detail) =>
        new("ERR_ACTOR_STATE_GET", 500, StatusCode.Internal, $"error getting actor state: {detail}");

    public static DaprError StateTransaction(string detail) =>
        new("ERR_ACTOR_STATE_TRANSACTION_SAVE", 500, StatusCode.Internal, $"error saving actor transaction state: {detail}");

    public static DaprError ReminderNotHosted(string actorType) =>
        new("ERR_ACTOR_REMINDER_NON_HOSTED", 403, StatusCode.PermissionDenied, $"operations on reminders are only possible on hosted actor types: {actorType}");

    public static DaprError TimerNotHosted(ActorKey actor) =>
        new("ERR_ACTOR_TIMER_CREATE", 500, StatusCode.Internal, $"error creating actor timer: actor {actor} is not hosted by this sidecar");

    public static DaprError ReminderNotFound(string name) =>
        new("ERR_ACTOR_REMINDER_NOT_FOUND", 404, StatusCode.NotFound, $"reminder not found: {name}");

    public static DaprError ReminderStore(string detail) =>
        new("ERR_ACTOR_REMINDER_CREATE", 500, StatusCode.Internal, $"error creating actor reminder: {detail}");

    public static DaprError InternalActorType(string actorType) =>
        new("ERR_ACTOR_INVOKE_METHOD", 403, StatusCode.PermissionDenied, $"actor type {actorType} is reserved for internal use");

    public static DaprError InvalidArgument(string detail) =>
        new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, detail);
}
