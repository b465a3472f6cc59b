using System.Globalization;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Actors.Invocation;
using AmazonScale.Sidecar.Actors.Reminders;
using AmazonScale.Sidecar.Actors.Scheduling;
using AmazonScale.Sidecar.Actors.State;
using AmazonScale.Sidecar.Actors.Timers;
using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.Actors;

/// <summary>
/// daprd's actor HTTP API (dapr-protocol 3.2) under /v1.0/actors/{type}/{id}: method invocation with any
/// verb, state, reminders and timers; plus the private peer endpoint through which another sidecar
/// delivers a call for an actor this sidecar owns.
/// </summary>
public static class ActorsApi
{
    private const string InternalTypePrefix = "dapr.internal.";
    private static readonly string[] InvokeVerbs = ["GET", "POST", "PUT", "DELETE"];
    private static readonly string[] WriteVerbs = ["POST", "PUT"];

    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder endpoints)
    {
        var actor = endpoints.MapGroup("/v1.0/actors/{actorType}/{actorId}");
        actor.MapMethods("/method/{**method}", InvokeVerbs, InvokeMethod);
        actor.MapGet("/state/{key}", GetState);
        actor.MapMethods("/state", WriteVerbs, SaveState);
        actor.MapGet("/reminders/{name}", GetReminder);
        actor.MapMethods("/reminders/{name}", WriteVerbs, RegisterReminder);
        actor.MapDelete("/reminders/{name}", UnregisterReminder);
        actor.MapMethods("/timers/{name}", WriteVerbs, RegisterTimer);
        actor.MapDelete("/timers/{name}", UnregisterTimer);
        endpoints.MapMethods(PeerAuthentication.PathPrefix + "/actors/{actorType}/{actorId}/method/{**method}", InvokeVerbs, DeliverFromPeer);
        return endpoints;
    }

    private static async Task InvokeMethod(HttpContext context, string actorType, string actorId, string? method, ActorRouter router)
    {
        var call = await ActorCall.ReadAsync(context.Request, Key(actorType, actorId), method ?? "", context.RequestAborted);
        using var response = await router.InvokeAsync(call, context.RequestAborted);
        await CopyResponseAsync(response, context);
    }

    private static async Task DeliverFromPeer(HttpContext context, string actorType, string actorId, string? method, ActorRouter router)
    {
        var call = await ActorCall.ReadAsync(context.Request, new ActorKey(actorType, actorId), method ?? "", context.RequestAborted);
        using var response = await router.DeliverFromPeerAsync(call, context.RequestAborted);
        await CopyResponseAsync(response, context);
    }

    private static async Task<IResult> GetState(HttpContext context, string actorType, string actorId, string key, ActorStateService state)
    {
        var entry = await state.GetAsync(Key(actorType, actorId), key, context.RequestAborted);
        if (entry is null || entry.Value.Length == 0)
        {
            return TypedResults.NoContent();
        }
        if (entry.ExpiresAt is { } expiry)
        {
            context.Response.Headers["metadata.ttlExpireTime"] = expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }
        return TypedResults.Bytes(entry.Value, "application/json");
    }

    private static async Task<IResult> SaveState(HttpContext context, string actorType, string actorId, ActorStateService state)
    {
        // The .NET SDK sends the JSON array with Content-Type text/plain, so the body is read regardless of type.
        var body = await ReadBodyAsync(context);
        await state.ExecuteTransactionAsync(Key(actorType, actorId), body, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetReminder(HttpContext context, string actorType, string actorId, string name, ReminderScheduler reminders)
    {
        var reminder = await reminders.GetAsync(Key(actorType, actorId), name, context.RequestAborted)
            ?? throw ActorErrors.ReminderNotFound(name).ToException();
        var json = new JsonObject
        {
            ["actorID"] = reminder.ActorId,
            ["actorType"] = reminder.ActorType,
            ["dueTime"] = reminder.DueTime ?? "",
            ["period"] = reminder.Period ?? "",
        };
        if (reminder.DataJson is not null)
        {
            json["data"] = JsonNode.Parse(reminder.DataJson);
        }
        if (reminder.Ttl is not null)
        {
            json["ttl"] = reminder.Ttl;
        }
        return TypedResults.Text(json.ToJsonString(), "application/json");
    }

    private static async Task<IResult> RegisterReminder(HttpContext context, string actorType, string actorId, string name, ReminderScheduler reminders)
    {
        var registration = ScheduleRequest.Parse(await ReadBodyAsync(context));
        await reminders.RegisterAsync(Key(actorType, actorId), name, registration, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnregisterReminder(HttpContext context, string actorType, string actorId, string name, ReminderScheduler reminders)
    {
        await reminders.UnregisterAsync(Key(actorType, actorId), name, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RegisterTimer(HttpContext context, string actorType, string actorId, string name, ActorTimers timers)
    {
        var registration = ScheduleRequest.Parse(await ReadBodyAsync(context));
        timers.Register(Key(actorType, actorId), name, registration);
        return TypedResults.NoContent();
    }

    private static IResult UnregisterTimer(string actorType, string actorId, string name, ActorTimers timers)
    {
        timers.Unregister(Key(actorType, actorId), name);
        return TypedResults.NoContent();
    }

    private static ActorKey Key(string actorType, string actorId)
    {
        if (actorType.StartsWith(InternalTypePrefix, StringComparison.Ordinal))
        {
            throw ActorErrors.InternalActorType(actorType).ToException();
        }
        return new ActorKey(actorType, actorId);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        HttpHeaderCopy.CopyResponseHeaders(response, context.Response);
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
