using AmazonScale.Sessions.Domain;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.Sessions.Tests.Domain;

public sealed class UserSessionsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Opening_one_session_too_many_evicts_the_oldest()
    {
        var sessions = UserSessions.Empty;
        var ids = new List<string>();
        for (var login = 0; login < 3; login++)
        {
            var entry = Entry($"device-{login}");
            ids.Add(entry.SessionId);
            var registration = sessions.Register(entry, maxSessions: 3, _clock.GetUtcNow());
            Assert.Empty(registration.Evicted);
            sessions = registration.Updated;
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var fourth = sessions.Register(Entry("device-3"), maxSessions: 3, _clock.GetUtcNow());

        Assert.Equal([ids[0]], fourth.Evicted);
        // The evicted session stays listed until it has ended; the next login would evict it again.
        Assert.Equal(4, fourth.Updated.Sessions.Count);
        var fifth = fourth.Updated.Register(Entry("device-4"), maxSessions: 3, _clock.GetUtcNow());
        Assert.Equal([ids[0], ids[1]], fifth.Evicted);
        Assert.Equal([ids[1], ids[2]], fourth.Updated.Remove(ids[0]).Sessions.Take(2).Select(entry => entry.SessionId));
    }

    [Fact]
    public void Only_an_existing_user_on_an_unseen_device_is_a_new_device_login()
    {
        var first = UserSessions.Empty.Register(Entry("phone"), 10, _clock.GetUtcNow());
        Assert.False(first.IsNewDevice);
        var again = first.Updated.Register(Entry("phone"), 10, _clock.GetUtcNow());
        Assert.False(again.IsNewDevice);
        var laptop = again.Updated.Register(Entry("laptop"), 10, _clock.GetUtcNow());
        Assert.True(laptop.IsNewDevice);
        Assert.Equal(["laptop", "phone"], laptop.Updated.KnownDevices);
    }

    [Fact]
    public void Expired_entries_are_pruned_and_never_count_against_the_cap()
    {
        var registration = UserSessions.Empty.Register(Entry("old", lifetime: TimeSpan.FromMinutes(5)), 1, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(registration.Updated.Live(_clock.GetUtcNow()));
        var next = registration.Updated.Register(Entry("new"), 1, _clock.GetUtcNow());
        Assert.Empty(next.Evicted);
        Assert.Single(next.Updated.Sessions);
    }

    [Fact]
    public void Removing_a_session_keeps_the_known_devices()
    {
        var entry = Entry("tablet");
        var sessions = UserSessions.Empty.Register(entry, 10, _clock.GetUtcNow()).Updated.Remove(entry.SessionId);
        Assert.Empty(sessions.Sessions);
        Assert.Equal(["tablet"], sessions.KnownDevices);
    }

    private UserSessionEntry Entry(string deviceId, TimeSpan? lifetime = null) =>
        new(SessionId.New(), new Device(deviceId, null, DevicePlatform.Mobile), ClientContext.Unknown, _clock.GetUtcNow(), _clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(1)));
}
