namespace CentralSystem.Ocpp.Rpc;

/// <param name="MessageId">The id to answer with; "-1" when it could not be read (OCPP 2.0.1 Part 4 §4.2.3).</param>
/// <param name="ShouldReply">False when the frame was recognisably a CALLRESULT/CALLERROR: those are never answered.</param>
public sealed record FrameParseError(string MessageId, RpcErrorKind Kind, string Description, bool ShouldReply);
