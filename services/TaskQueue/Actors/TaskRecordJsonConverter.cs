using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// Writes task records for the actor runtime (state and actor method bodies) with every object's keys in byte order:
/// the form daprd stores JSON values in, so the sidecar keeps such a record as it comes instead of decoding, sorting
/// and re-encoding it, and without the reflection serializer's per-object work — records are most of every shard
/// commit. Members, names and nulls are as the runtime's options write them (camelCase, null members left out), so
/// stored records read back as before; reading is the default serializer's (<paramref name="readOptions"/>: the same
/// options without this converter).
/// </summary>
public sealed class TaskRecordJsonConverter(JsonSerializerOptions readOptions) : JsonConverter<TaskRecord>
{
    public override TaskRecord? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<TaskRecord>(ref reader, readOptions);

    public override void Write(Utf8JsonWriter writer, TaskRecord record, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("attempt"u8, record.Attempt);
        writer.WriteBoolean("cancelRequested"u8, record.CancelRequested);
        writer.WriteString("createdAt"u8, record.CreatedAt);
        WriteIfSet(writer, "deadlineAt"u8, record.DeadlineAt);
        WriteStrings(writer, "dependants"u8, record.Dependants);
        WriteIfSet(writer, "error"u8, record.Error);
        writer.WriteNumber("fencingToken"u8, record.FencingToken);
        WriteIfSet(writer, "finishedAt"u8, record.FinishedAt);
        writer.WriteString("id"u8, record.Id);
        WriteIfSet(writer, "leaseExpiresAt"u8, record.LeaseExpiresAt);
        WriteIfSet(writer, "nextAttemptAt"u8, record.NextAttemptAt);
        WriteIfSet(writer, "readySince"u8, record.ReadySince);
        WriteIfSet(writer, "resultJson"u8, record.ResultJson);
        writer.WritePropertyName("spec"u8);
        WriteSpec(writer, record.Spec);
        WriteIfSet(writer, "startedAt"u8, record.StartedAt);
        writer.WriteNumber("state"u8, (int)record.State);
        writer.WriteString("updatedAt"u8, record.UpdatedAt);
        WriteIfSet(writer, "workerId"u8, record.WorkerId);
        writer.WriteEndObject();
    }

    private static void WriteSpec(Utf8JsonWriter writer, TaskSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("backoff"u8);
        writer.WriteNumber("initialSeconds"u8, spec.Backoff.InitialSeconds);
        writer.WriteNumber("jitter"u8, spec.Backoff.Jitter);
        writer.WriteNumber("maxSeconds"u8, spec.Backoff.MaxSeconds);
        writer.WriteNumber("multiplier"u8, spec.Backoff.Multiplier);
        writer.WriteEndObject();
        writer.WriteBoolean("critical"u8, spec.Critical);
        WriteStrings(writer, "dependencies"u8, spec.Dependencies);
        writer.WriteNumber("dependencyPolicy"u8, (int)spec.DependencyPolicy);
        writer.WriteNumber("maxAttempts"u8, spec.MaxAttempts);
        writer.WriteNumber("maxRetries"u8, spec.MaxRetries);
        writer.WriteString("payloadJson"u8, spec.PayloadJson);
        writer.WriteNumber("priority"u8, spec.Priority);
        WriteIfSet(writer, "scheduledAt"u8, spec.ScheduledAt);
        writer.WriteString("taskType"u8, spec.TaskType);
        writer.WriteNumber("timeoutSeconds"u8, spec.TimeoutSeconds);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            writer.WriteString(name, set);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
