using System.Text;
using System.Text.Json;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Tests.Rpc;

public class FrameWriterTests
{
    [Test]
    public void CallResult_reports_exactly_the_payload_range()
    {
        using var frame = FrameWriter.WriteCallResult("m-1", new HeartbeatResponse(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2))),
            V16JsonContext.Default.HeartbeatResponse, out var range);
        Assert.That(Encoding.UTF8.GetString(frame.WrittenSpan), Is.EqualTo("""[3,"m-1",{"currentTime":"2026-01-02T01:04:05.678Z"}]"""));
        Assert.That(Encoding.UTF8.GetString(frame.WrittenSpan[range]), Is.EqualTo("""{"currentTime":"2026-01-02T01:04:05.678Z"}"""));
    }

    [Test]
    public void Null_members_are_omitted_because_schemas_forbid_null()
    {
        using var frame = FrameWriter.WriteCallResult("m", new StopTransactionResponse(null), V16JsonContext.Default.StopTransactionResponse, out var range);
        Assert.That(Encoding.UTF8.GetString(frame.WrittenSpan[range]), Is.EqualTo("{}"));
    }

    [Test]
    public void CallError_has_five_elements_and_a_bounded_description()
    {
        using var frame = FrameWriter.WriteCallError("m", "FormatViolation", new string('x', 400));
        using var document = JsonDocument.Parse(frame.WrittenMemory);
        var root = document.RootElement;
        Assert.That(root.GetArrayLength(), Is.EqualTo(5));
        Assert.That(root[0].GetInt32(), Is.EqualTo(4));
        Assert.That(root[3].GetString(), Has.Length.EqualTo(255));
        Assert.That(root[4].ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    public void Raw_call_embeds_the_payload_unchanged()
    {
        using var frame = FrameWriter.WriteRawCall("id", "Reset", """{"type":"Soft"}"""u8);
        Assert.That(Encoding.UTF8.GetString(frame.WrittenSpan), Is.EqualTo("""[2,"id","Reset",{"type":"Soft"}]"""));
    }
}
