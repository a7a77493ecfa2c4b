namespace CentralSystem.Oscp.Http;

/// <summary>The parts of an inbound OSCP HTTP request the processor needs (the HTTP adapter fills it).</summary>
public sealed record OscpInboundRequest(
    string Method,
    string? Authorization,
    string? RequestId,
    string? ContentType,
    ReadOnlyMemory<byte> Body);
