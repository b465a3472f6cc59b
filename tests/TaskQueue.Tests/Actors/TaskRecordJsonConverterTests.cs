using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.TaskQueue;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Actors;

public sealed class TaskRecordJsonConverterTests
{
    private static readonly JsonSerializerOptions Actor = TaskQueueExtensions.ActorJson(JsonSerializerOptions.Web);

    private const string MinimalRecord = "minimal";
    private const string FullRecord = "full";

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 15, 123, TimeSpan.Zero);

    public static TheoryData<string> Records => new() { MinimalRecord, FullRecord };

    [Theory]
    [MemberData(nameof(Records))]
    public void Writes_the_members_the_reflection_serializer_writes(string name)
    {
        var record = Build(name);
        var written = JsonNode.Parse(JsonSerializer.Serialize(record, Actor));
        // The reflection serializer with the same options: what records looked like before (and how they are read).
        var before = JsonNode.Parse(JsonSerializer.Serialize(record, WithoutConverter()));
        Assert.True(JsonNode.DeepEquals(before, written), $"{written}\n!=\n{before}");
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Writes_every_object_with_its_keys_in_byte_order(string name)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(Build(name), Actor));
        AssertSorted(document.RootElement);
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var record = Build(FullRecord);
        var json = JsonSerializer.Serialize(record, Actor);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<TaskRecord>(json, Actor), Actor));
    }

    [Fact]
    public void A_full_record_sets_every_member_so_none_is_missed()
    {
        var written = JsonNode.Parse(JsonSerializer.Serialize(Build(FullRecord), Actor))!.AsObject();
        var spec = written["spec"]!.AsObject();
        Assert.Equal(PropertyCount<TaskRecord>(), written.Count);
        Assert.Equal(PropertyCount<TaskSpec>(), spec.Count);
        Assert.Equal(PropertyCount<RetryBackoff>(), spec["backoff"]!.AsObject().Count);
    }

    [Fact]
    public void Keeps_quotes_in_payloads_as_short_escapes()
    {
        var json = JsonSerializer.Serialize(Build(MinimalRecord), Actor);
        Assert.Contains("""
            "payloadJson":"{\"t\":1}"
            """, json);
    }

    private static JsonSerializerOptions WithoutConverter()
    {
        var options = new JsonSerializerOptions(Actor);
        options.Converters.Clear();
        return options;
    }

    private static int PropertyCount<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Count(property => property.GetMethod is not null && property.Name != "EqualityContract");

    private static void AssertSorted(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = element.EnumerateObject().Select(property => property.Name).ToList();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            element.EnumerateObject().ToList().ForEach(property => AssertSorted(property.Value));
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            element.EnumerateArray().ToList().ForEach(AssertSorted);
        }
    }

    private static TaskRecord Build(string name)
    {
        var minimal = name == MinimalRecord;
        var spec = new TaskSpec("noop", minimal ? """{"t":1}""" : """{"text":"<a & b> \"é\" 🎉","n":[1.5,2]}""", 7, minimal ? null : Now.AddMinutes(5),
            300, 3, minimal ? RetryBackoff.Default : new RetryBackoff(0.5, 60, 1.5, 0.25), minimal ? [] : ["t1", "t2"], minimal ? DependencyPolicy.Fail : DependencyPolicy.Skip, !minimal);
        var record = TaskRecord.Create(TaskIds.New("noop", 0), spec, Now);
        return minimal ? record : SetEverything(record);
    }

    private static TaskRecord SetEverything(TaskRecord record)
    {
        record.Attempt = 2;
        record.FencingToken = (5L << TaskShard.EpochShift) + 3;
        record.WorkerId = "worker-1";
        record.ReadySince = Now.AddSeconds(1);
        record.StartedAt = Now.AddSeconds(2);
        record.LeaseExpiresAt = Now.AddSeconds(32);
        record.DeadlineAt = Now.AddSeconds(302);
        record.CancelRequested = true;
        record.NextAttemptAt = Now.AddSeconds(3);
        record.FinishedAt = Now.AddSeconds(4);
        record.ResultJson = """{"ok":true,"note":"x\ny"}""";
        record.Error = "timed out <again> & again";
        record.Dependants.AddRange(["d1", "d2"]);
        record.State = TaskState.Running;
        return record;
    }
}
