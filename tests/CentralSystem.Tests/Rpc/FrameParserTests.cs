using System.Text;
using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Tests.Rpc;

public class FrameParserTests
{
    private static (bool Ok, IncomingFrame Frame, FrameParseError? Error) Parse(string text)
    {
        var ok = FrameParser.TryParse(Encoding.UTF8.GetBytes(text), out var frame, out var error);
        return (ok, frame, error);
    }

    [Test]
    public void Call_is_parsed_with_payload_slice()
    {
        var (ok, frame, _) = Parse("""[2, "abc", "BootNotification", {"a":{"b":[1,2]}} ]""");
        Assert.That(ok, Is.True);
        Assert.That(frame.MessageType, Is.EqualTo(MessageTypeId.Call));
        Assert.That(frame.MessageId, Is.EqualTo("abc"));
        Assert.That(frame.Action, Is.EqualTo("BootNotification"));
        Assert.That(Encoding.UTF8.GetString(frame.Payload.Span), Is.EqualTo("""{"a":{"b":[1,2]}}"""));
    }

    [Test]
    public void CallResult_and_CallError_are_parsed()
    {
        var (ok, result, _) = Parse("""[3,"id1",{"status":"Accepted"}]""");
        Assert.That(ok, Is.True);
        Assert.That(result.MessageType, Is.EqualTo(MessageTypeId.CallResult));
        Assert.That(Encoding.UTF8.GetString(result.Payload.Span), Is.EqualTo("""{"status":"Accepted"}"""));

        var (okError, error, _) = Parse("""[4,"id2","NotSupported","nope",{}]""");
        Assert.That(okError, Is.True);
        Assert.That(error.ErrorCode, Is.EqualTo("NotSupported"));
        Assert.That(error.ErrorDescription, Is.EqualTo("nope"));
    }

    [TestCase("not json", RpcErrorKind.FormatViolation, "-1")]
    [TestCase("{}", RpcErrorKind.RpcFrameworkError, "-1")]
    [TestCase("[2, 5, \"Heartbeat\", {}]", RpcErrorKind.RpcFrameworkError, "-1")]
    [TestCase("[\"2\", \"a\", \"Heartbeat\", {}]", RpcErrorKind.RpcFrameworkError, "-1")]
    [TestCase("[7, \"a\", \"Heartbeat\", {}]", RpcErrorKind.MessageTypeNotSupported, "a")]
    [TestCase("[2, \"a\", \"Heartbeat\"]", RpcErrorKind.RpcFrameworkError, "a")]
    [TestCase("[2, \"a\", \"Heartbeat\", []]", RpcErrorKind.TypeConstraintViolation, "a")]
    [TestCase("[2, \"a\", \"Heartbeat\", {}, 1]", RpcErrorKind.RpcFrameworkError, "a")]
    [TestCase("[2, \"a\", \"Heartbeat\", {]", RpcErrorKind.FormatViolation, "a")]
    [TestCase("[2, \"a\", \"Heartbeat\", {}] x", RpcErrorKind.FormatViolation, "a")]
    [TestCase("[2, \"0123456789012345678901234567890123456\", \"Heartbeat\", {}]", RpcErrorKind.RpcFrameworkError, "-1")]
    [TestCase("[2, \"\", \"Heartbeat\", {}]", RpcErrorKind.RpcFrameworkError, "")]
    public void Malformed_frames_report_the_kind_and_the_id_to_answer(string text, RpcErrorKind kind, string messageId)
    {
        var (ok, _, error) = Parse(text);
        Assert.That(ok, Is.False);
        Assert.That(error!.Kind, Is.EqualTo(kind));
        Assert.That(error.MessageId, Is.EqualTo(messageId));
        Assert.That(error.ShouldReply, Is.True);
    }

    [Test]
    public void Malformed_replies_are_never_answered()
    {
        var (ok, _, error) = Parse("""[3,"a","oops"]""");
        Assert.That(ok, Is.False);
        Assert.That(error!.ShouldReply, Is.False);
    }

    [Test]
    public void Message_id_of_36_characters_is_accepted()
    {
        var (ok, frame, _) = Parse($"[2,\"{new string('x', 36)}\",\"Heartbeat\",{{}}]");
        Assert.That(ok, Is.True);
        Assert.That(frame.MessageId, Has.Length.EqualTo(36));
    }
}
