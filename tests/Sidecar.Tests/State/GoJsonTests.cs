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
    [InlineData("""{"a":1, "b":2}""", """{"a":1,"b":2}""")]
    [InlineData("""{"a" :1,"b":[1 ]}""", """{"a":1,"b":[1]}""")]
    [InlineData("""{"a":{"y":1,"x":2},"b":0.2}""", """{"a":{"x":2,"y":1},"b":0.2}""")]
    [InlineData("""{"a":0.2,"b":1.50,"c":1E2}""", """{"a":0.2,"b":1.5,"c":100}""")]
    [InlineData("""{"a":"x>y","b":"\u0041"}""", """{"a":"x\u003ey","b":"A"}""")]
    [InlineData("""{"a\"":1,"a\\":2}""", """{"a\"":1,"a\\":2}""")]
    [InlineData("""{"B":1,"a":2,"é":3}""", """{"B":1,"a":2,"é":3}""")]
    public void Encodes_like_go_encoding_json(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(GoJson.Encode(Encoding.UTF8.GetBytes(input))));
        // What Go writes, Go writes again unchanged.
        Assert.Equal(expected, Encoding.UTF8.GetString(GoJson.Encode(Encoding.UTF8.GetBytes(expected))));
    }

    /// <summary>Text already in Go's form is stored as it came, without the decode and re-encode; anything else is not.</summary>
    [Theory]
    [InlineData("""{"a":{"c":"x","d":[1,-2,true,null]},"b":0.2,"c":[]}""", true)]
    [InlineData("""{"p":"{\"t\":1}","q":"a\\b\n"}""", true)]
    [InlineData("""{"B":1,"a":"héllo","é":{}}""", true)]
    [InlineData("123456789012345", true)]
    [InlineData("1234567890123456", true)]
    [InlineData("123456789012345678", false)]
    [InlineData("1.50", false)]
    [InlineData("""{"b":1,"a":2}""", false)]
    [InlineData("""{"a":1,"a":1}""", false)]
    [InlineData("""{"a":1, "b":2}""", false)]
    [InlineData("""{"a" :1}""", false)]
    [InlineData("""["x<y"]""", false)]
    [InlineData("""["\u0041"]""", false)]
    [InlineData("""["x\/y"]""", false)]
    [InlineData("""{"\u0061":1}""", false)]
    [InlineData("\"€\"", false)]
    public void Recognises_text_already_as_go_writes_it(string json, bool asGoWritesIt)
    {
        Assert.Equal(asGoWritesIt, GoJson.IsAsGoWritesIt(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Invalid_json_throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => GoJson.Encode("{"u8.ToArray()));
    }
}
