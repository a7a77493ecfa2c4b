using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class FormatTests
{
    private static readonly CompiledSchema Schema = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "timestamp": { "type": "string", "format": "date-time" },
            "location": { "type": "string", "format": "uri" }
          }
        }
        """);

    [TestCase("2024-05-01T12:30:00Z")]
    [TestCase("2024-05-01T12:30:00.1Z")]
    [TestCase("2024-05-01T12:30:00.123Z")]
    [TestCase("2024-05-01T12:30:00.1234567Z")]
    [TestCase("2024-05-01T12:30:00.123456789012Z")] // any number of fractional digits
    [TestCase("2024-05-01T12:30:00+02:00")]
    [TestCase("2024-05-01T12:30:00.5-05:30")]
    [TestCase("2024-05-01T12:30:00-00:00")]
    [TestCase("2024-05-01T12:30:00+23:59")]
    [TestCase("2024-05-01t12:30:00z")] // RFC 3339 5.6 note: t and z may be lower case
    [TestCase("2024-02-29T00:00:00Z")]
    [TestCase("2000-02-29T00:00:00Z")]
    [TestCase("0000-01-01T00:00:00Z")]
    [TestCase("9999-12-31T23:59:59Z")]
    [TestCase("1998-12-31T23:59:60Z")] // leap second
    [TestCase("1998-12-31T15:59:60.123-08:00")] // leap second, 23:59:60 UTC
    public void Date_time_accepts_RFC_3339(string value)
    {
        Assert.That(Schema.Validate($$"""{"timestamp":"{{value}}"}""").IsValid, Is.True);
    }

    [TestCase("")]
    [TestCase("not a date")]
    [TestCase("2024-05-01T12:30:00")] // no offset
    [TestCase("2024-05-01")]
    [TestCase("2024-05-01T12:30Z")]
    [TestCase("2024-05-01 12:30:00Z")]
    [TestCase("2024-05-01_12:30:00Z")]
    [TestCase("2024-05-01T12:30:00+0200")]
    [TestCase("2024-05-01T12:30:00+02")]
    [TestCase("2024-05-01T12:30:00.Z")]
    [TestCase("2024-05-01T12:30:00ZZ")]
    [TestCase("2024-05-01T12:30:00+02:00Z")]
    [TestCase("2024-05-01T12:30:00+24:00")]
    [TestCase("2024-05-01T12:30:00+02:60")]
    [TestCase("2024-13-01T12:30:00Z")]
    [TestCase("2024-00-01T12:30:00Z")]
    [TestCase("2024-04-31T12:30:00Z")]
    [TestCase("2023-02-29T12:30:00Z")]
    [TestCase("1900-02-29T12:30:00Z")]
    [TestCase("2024-05-00T12:30:00Z")]
    [TestCase("2024-05-01T24:00:00Z")]
    [TestCase("2024-05-01T12:60:00Z")]
    [TestCase("2024-05-01T12:30:61Z")]
    [TestCase("1998-12-31T22:59:60Z")] // a leap second only happens at 23:59 UTC
    [TestCase("1998-12-31T23:58:60Z")]
    [TestCase("2024-5-01T12:30:00Z")]
    [TestCase("24-05-01T12:30:00Z")]
    [TestCase("2024-05-01T12:30:00,5Z")]
    [TestCase(" 2024-05-01T12:30:00Z")]
    [TestCase("2024-05-01T12:30:00Z ")]
    [TestCase("2024-05-0١T12:30:00Z")] // non-ASCII digit
    [TestCase("2013-350T01:01:01Z")] // ISO 8601 ordinal date, not RFC 3339
    public void Date_time_rejects_anything_else(string value)
    {
        var violation = Schema.Validate($$"""{"timestamp":"{{value}}"}""").Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(SchemaViolationKind.Format));
        Assert.That(violation.Message, Is.EqualTo($"timestamp: '{value}' is not an RFC 3339 date-time"));
    }

    [Test]
    public void Date_time_with_escaped_characters_is_checked_after_unescaping()
    {
        Assert.That(Schema.Validate("""{"timestamp":"2024-05-01T12:30:00\u005a"}""").IsValid, Is.True);
        Assert.That(Schema.Validate("""{"timestamp":"2024-05-01T12:30:00\u0059"}""").IsValid, Is.False);
    }

    [TestCase("ftp://user:secret@files.example.com:2121/firmware/fw-1.2.bin")]
    [TestCase("https://example.com/diag?from=2024-05-01T00%3A00%3A00Z#x")]
    [TestCase("http://[2001:db8::1]/upload")]
    [TestCase("urn:isbn:0451450523")]
    [TestCase("mailto:ops@example.com")]
    [TestCase("x:")]
    [TestCase("sftp://10.0.0.12/~operator/logs")]
    public void Uri_accepts_absolute_RFC_3986_URIs(string value)
    {
        Assert.That(Schema.Validate($$"""{"location":"{{value}}"}""").IsValid, Is.True);
    }

    [TestCase("")]
    [TestCase("not a uri")]
    [TestCase("/firmware/fw.bin")] // relative
    [TestCase("firmware.bin")]
    [TestCase("1ftp://example.com")]
    [TestCase("http://exa mple.com/")]
    [TestCase("http://example.com/%zz")]
    [TestCase("http://example.com/%4")]
    [TestCase("http://example.com/a#b#c")]
    [TestCase("http://example.com/\\\\path")]
    [TestCase("http://exämple.com/")] // an IRI, not a URI
    [TestCase("http://example.com/<script>")]
    public void Uri_rejects_anything_else(string value)
    {
        var violation = Schema.Validate($$"""{"location":"{{value}}"}""").Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(SchemaViolationKind.Format));
    }
}
