namespace AmazonScale.Bench;

/// <summary>
/// Checks the open-loop arithmetic against hand-computed answers on a simulated clock (1 tick = 1 µs) before a run
/// uses it. The bench projects have no test project; this runs in every open-loop case instead and fails it loudly.
/// </summary>
internal static class OpenLoopSelfCheck
{
    public static void Verify()
    {
        // 4 connections at 1,000/s share one sequence: connection 2's 4th request (round 3) is request 14, due at 14 ms.
        var spread = new OpenLoopSchedule(1000, 4, 0, 1_000_000, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));
        Expect(spread.Due(2, 3), 14_000, "due time of connection 2, round 3");
        Expect(spread.DueOfRequest(14), 14_000, "due time of request 14");
        Expect(spread.IsMeasured(9_999) ? 1 : 0, 0, "a request due in the warm-up is not measured");
        Expect(spread.IsMeasured(10_000) && spread.IsMeasured(109_999) && !spread.IsMeasured(110_000) ? 1 : 0, 1, "window bounds");
        // Requests 10, 14, …, 106 of the sequence are connection 2's and due in the window: 25 of them from round 0.
        Expect(spread.MeasuredFromRound(2, 0), 25, "measured requests of connection 2");

        // One connection at 1,000/s for 100 ms; every answer takes 200 µs except request 10's, which takes 5,200 µs.
        // Requests 11-16 wait for it: each is sent when the previous one answers, and counts that wait.
        var schedule = new OpenLoopSchedule(1000, 1, 0, 1_000_000, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        var tally = new OpenLoopTally();
        long previousAnswer = 0;
        for (var round = 0; round < 100; round++)
        {
            var due = schedule.Due(0, round);
            var sent = Math.Max(due, previousAnswer);
            previousAnswer = sent + (round == 10 ? 5_200 : 200);
            tally.Record(schedule, due, sent, previousAnswer, lateThresholdMicroseconds: 1_000);
        }
        // Latencies: 93 × 200 µs, then 400, 1,200, 2,000, 2,800, 3,600, 4,400, 5,200 (a closed loop would show one 5,200).
        Expect(tally.Latency.Count, 100, "recorded requests");
        ExpectPercentile(tally.Latency, 93, 200);
        ExpectPercentile(tally.Latency, 94, 400);
        ExpectPercentile(tally.Latency, 99, 4_400);
        ExpectPercentile(tally.Latency, 100, 5_200);
        ExpectPercentile(tally.SendLag, 100, 4_200);
        // Send lags 4,200, 3,400, 2,600, 1,800 exceed 1 ms; 1,000 and 200 do not.
        Expect(tally.Late, 4, "requests sent more than 1 ms late");
        Expect(tally.LastCompleted, 99_200, "last answer");
    }

    /// <summary>The histogram answers a bucket's upper bound: exact below 256 µs, within 1% above.</summary>
    private static void ExpectPercentile(LatencyHistogram histogram, double percentile, long expectedMicroseconds)
    {
        var actual = histogram.PercentileMicroseconds(percentile);
        if (actual < expectedMicroseconds || actual >= expectedMicroseconds * 1.01)
        {
            throw new InvalidOperationException($"open-loop self-check failed: p{percentile} is {actual} µs, expected {expectedMicroseconds} µs");
        }
    }

    private static void Expect(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"open-loop self-check failed: {what} is {actual}, expected {expected}");
        }
    }
}
