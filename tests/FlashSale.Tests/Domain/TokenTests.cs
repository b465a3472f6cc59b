using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class TokenTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private readonly SaleTokens _tokens = new(new TokenSigner(Key));

    [Fact]
    public void Each_kind_of_token_round_trips()
    {
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        Assert.Equal(new QueueTicket("s1", "alice", 42), _tokens.ReadTicket(_tokens.Issue(new QueueTicket("s1", "alice", 42))));
        Assert.Equal(new Admission("s1", "alice", expires), _tokens.ReadAdmission(_tokens.Issue(new Admission("s1", "alice", expires))));
        Assert.Equal(new ReservationClaim("s1", "alice", 3, "1-alice"), _tokens.ReadReservation(_tokens.Issue(new ReservationClaim("s1", "alice", 3, "1-alice"))));
    }

    [Fact]
    public void A_token_of_one_kind_is_not_accepted_as_another()
    {
        var ticket = _tokens.Issue(new QueueTicket("s1", "alice", 42));
        Assert.Null(_tokens.ReadAdmission(ticket));
        Assert.Null(_tokens.ReadReservation(ticket));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.###")]
    public void Malformed_tokens_are_rejected(string? token) => Assert.Null(_tokens.ReadTicket(token));

    [Fact]
    public void Tampered_forged_or_oversized_tokens_are_rejected()
    {
        var token = _tokens.Issue(new QueueTicket("s1", "alice", 42));
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString("q|s1|alice|1"u8) + token[token.IndexOf('.')..];
        Assert.Null(_tokens.ReadTicket(forgedPayload));
        var otherKey = new SaleTokens(new TokenSigner(Enumerable.Repeat((byte)9, 32).ToArray()));
        Assert.Null(otherKey.ReadTicket(token));
        Assert.Null(_tokens.ReadTicket(new string('a', TokenSigner.MaxTokenLength + 1)));
    }

    [Fact]
    public void Short_keys_are_refused() => Assert.Throws<ArgumentException>(() => new TokenSigner(new byte[16]));
}
