using System.Security.Cryptography;
using System.Text;
using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Tests.Domain;

public sealed class SessionTokenTests
{
    [Fact]
    public void Issued_tokens_carry_their_kind_the_session_id_and_256_random_bits()
    {
        var sessionId = SessionId.New();
        var access = SessionToken.Issue(TokenKind.Access, sessionId);
        var refresh = SessionToken.Issue(TokenKind.Refresh, sessionId);

        Assert.Equal(SessionToken.Length, access.Text.Length);
        Assert.StartsWith($"sat_{sessionId}_", access.Text, StringComparison.Ordinal);
        Assert.StartsWith($"srt_{sessionId}_", refresh.Text, StringComparison.Ordinal);
        Assert.Equal(SessionToken.SecretBytes, Convert.FromBase64String(Base64Padded(access.Text[^43..])).Length);
    }

    [Fact]
    public void Every_issued_secret_is_different()
    {
        var sessionId = SessionId.New();
        var tokens = Enumerable.Range(0, 1000).Select(_ => SessionToken.Issue(TokenKind.Access, sessionId).Text).ToHashSet();
        Assert.Equal(1000, tokens.Count);
        Assert.NotEqual(SessionId.New(), SessionId.New());
    }

    [Fact]
    public void The_stored_hash_is_the_SHA256_of_the_whole_token()
    {
        var token = SessionToken.Issue(TokenKind.Access, SessionId.New());
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token.Text)), token.Hash());
        Assert.DoesNotContain(token.Text, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_round_trips_and_keeps_kinds_apart()
    {
        var token = SessionToken.Issue(TokenKind.Refresh, SessionId.New());
        Assert.True(SessionToken.TryParse(token.Text, TokenKind.Refresh, out var parsed));
        Assert.Equal(token, parsed);
        Assert.False(SessionToken.TryParse(token.Text, TokenKind.Access, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sat_")]
    [InlineData("Bearer something")]
    public void Malformed_text_is_rejected(string? text) => Assert.False(SessionToken.TryParse(text, TokenKind.Access, out _));

    [Fact]
    public void Tampered_shapes_are_rejected_before_any_lookup()
    {
        var text = SessionToken.Issue(TokenKind.Access, SessionId.New()).Text;
        Assert.False(SessionToken.TryParse(text + "A", TokenKind.Access, out _));
        Assert.False(SessionToken.TryParse(text[..^1], TokenKind.Access, out _));
        Assert.False(SessionToken.TryParse(text.Replace('_', '.'), TokenKind.Access, out _));
        Assert.False(SessionToken.TryParse(string.Concat("sat_", "G", text.AsSpan(5)), TokenKind.Access, out _));
        Assert.False(SessionToken.TryParse(string.Concat(text.AsSpan(0, 40), "!", text.AsSpan(41)), TokenKind.Access, out _));
    }

    [Fact]
    public void A_token_with_one_secret_character_changed_parses_but_no_longer_matches_its_hash()
    {
        var token = SessionToken.Issue(TokenKind.Access, SessionId.New());
        var changed = token.Text[^2] == 'A' ? 'B' : 'A';
        Assert.True(SessionToken.TryParse(string.Concat(token.Text.AsSpan(0, SessionToken.Length - 2), changed.ToString(), token.Text.AsSpan(SessionToken.Length - 1)), TokenKind.Access, out var tampered));
        Assert.False(SessionToken.HashesMatch(tampered.Hash(), token.Hash()));
        Assert.True(SessionToken.HashesMatch(token.Hash(), token.Hash()));
    }

    [Fact]
    public void Hash_comparison_refuses_prefixes_and_empty_input()
    {
        var hash = SessionToken.Issue(TokenKind.Access, SessionId.New()).Hash();
        Assert.False(SessionToken.HashesMatch(hash.AsSpan(0, 31), hash));
        Assert.False(SessionToken.HashesMatch([], hash));
        Assert.True(SessionToken.HashesMatch(hash.ToArray(), hash));
    }

    private static string Base64Padded(string base64Url) =>
        base64Url.Replace('-', '+').Replace('_', '/').PadRight(base64Url.Length + (4 - base64Url.Length % 4) % 4, '=');
}
