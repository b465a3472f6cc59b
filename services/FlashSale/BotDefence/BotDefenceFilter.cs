using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Queue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>
/// Guards joining the queue: obvious bot user agents are refused; a client (IP or customer) over its limit is refused
/// with 429 and flagged; a network (IPv4 /24, IPv6 /48) over the softer threshold is flagged at once; a join from a
/// flagged IP, customer or network must carry a solved proof-of-work challenge (X-Pow-Challenge, X-Pow-Solution).
/// The challenge comes with every refusal, in the problem's "challenge" member.
/// </summary>
public sealed class BotDefenceFilter(
    BotDefenceOptions options, RateLimiterGate gate, ClientFlags flags, ProofOfWork work, BotDefenceStats stats, TimeProvider clock) : IEndpointFilter
{
    public const string ChallengeHeader = "X-Pow-Challenge";
    public const string SolutionHeader = "X-Pow-Solution";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!options.Enabled)
        {
            return await next(context);
        }
        var http = context.HttpContext;
        if (BotUserAgents.IsObviousBot(http.Request.Headers.UserAgent.ToString()))
        {
            stats.UserAgentBlocked();
            return Problems.New(StatusCodes.Status403Forbidden, "Automated client", "This client identifies itself as an automated one.");
        }
        var address = http.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        var (ip, network) = (address.ToString(), ClientNetwork.Of(address));
        var customer = CustomerOf(context);
        var (ipKey, customerKey, networkKey) = ($"ip:{ip}", $"customer:{customer}", $"network:{network}");
        var now = clock.GetUtcNow();
        bool Solved() => work.IsSolved(http.Request.Headers[ChallengeHeader], http.Request.Headers[SolutionHeader], ipKey, now);
        var flagged = flags.IsFlagged(ipKey) || flags.IsFlagged(customerKey) || flags.IsFlagged(networkKey);
        if (flagged)
        {
            if (!Solved())
            {
                return ChallengeRequired(ipKey, now);
            }
            stats.ChallengePassed();
        }
        var verdict = await gate.AllowJoinAsync(ip, network, customer, http.RequestAborted);
        if (verdict.NetworkBusy)
        {
            // From now on every join from this network pays with a challenge, this one included.
            flags.Flag(networkKey);
            if (!flagged && !Solved())
            {
                return ChallengeRequired(ipKey, now);
            }
        }
        if (!verdict.Allowed)
        {
            stats.RateLimited();
            flags.Flag(ipKey, customerKey);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refusal(StatusCodes.Status429TooManyRequests, "Too many requests", "Too many queue joins from this client.", ipKey, now);
        }
        return await next(context);
    }

    private static string CustomerOf(EndpointFilterInvocationContext context)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is JoinQueueRequest request)
            {
                return request.CustomerId ?? "";
            }
        }
        return "";
    }

    private ProblemHttpResult ChallengeRequired(string clientKey, DateTimeOffset now)
    {
        stats.ChallengeRequired();
        return Refusal(StatusCodes.Status403Forbidden, "Challenge required", "Solve the proof-of-work challenge and send it with the join.", clientKey, now);
    }

    private ProblemHttpResult Refusal(int status, string title, string detail, string clientKey, DateTimeOffset now) => TypedResults.Problem(
        statusCode: status,
        title: title,
        detail: detail,
        extensions: new Dictionary<string, object?>
        {
            ["challenge"] = work.Issue(clientKey, now + options.ChallengeLifetime, options.ChallengeDifficultyBits),
            ["difficulty_bits"] = options.ChallengeDifficultyBits,
        });
}
