using System.Text;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>Expected outputs are what Go's json.Unmarshal into interface{} followed by json.Marshal produces.</summary>
public sealed class GoJsonTests
{
    [Theory]
    [InlineData("""{ "b": 1, "a": [true, null, "x"] }""", """{"a":[true,null,"x"],"b":1}""")]
    [InlineData("""{"a":1,"a":2}""", """{"a":2}""")]
    [InlineData("\"<tag> & \\u2028\"", "\"\\u003ctag\\u003e \\u0026 \\u2028\"")]
    [InlineData("\"tab\\tnew\\nline\\u0001\"", "\"tab\\tnew\\nline\\u0001\"")]
    [InlineData("\"héllo 🎉\"", "\"héllo 🎉\"")]
    [InlineData("1.50", "1.5")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("123456789012345678", "123456789012345680")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("1e21", "1e+21")]
    [InlineData("-2.5e-10", "-2.5e-10")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("-0.0", "-0")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("-1234567890123456", "-1234567890123456")]
    [InlineData("""{"\u0062":1,"a":{"d":[1,-2],"c":"x\/y"}}""", """{"a":{"c":"x/y","d":[1,-2]},"b":1}""")]
    [InlineData("""{"\u0061":1,"a":2,"b":3,"a":4}""", """{"a":4,"b":3}""")]
    [InlineData("{\"😀\":1,\"\\uffff\":2}", "{\"\uffff\":2,\"😀\":1}")]
    [InlineData("\"€ \\u20ac \\u2029 \u2028\"", "\"€ € \\u2029 \\u2028\"")]
    [InlineData("\"a\\u0000b\\u001f\"", "\"a\\u0000b\\u001f\"")]
    [InlineData("""{"p":"{\"t\":1}","q":"a\"b\\c\nd<e\b\f"}""", """{"p":"{\"t\":1}","q":"a\"b\\c\nd\u003ce\b\f"}""")]
    [InlineData("""["\u0041\"B","\u003c\/"]""", """["A\"B","\u003c/"]""")]
    public void Encodes_like_go_encoding_json(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(GoJson.Encode(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void Invalid_json_throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => GoJson.Encode("{"u8.ToArray()));
    }
}
