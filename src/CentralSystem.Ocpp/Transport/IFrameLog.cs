namespace CentralSystem.Ocpp.Transport;

public enum FrameDirection
{
    Inbound,
    Outbound,
}

/// <summary>A sink for raw frames, switched on per charger; must not block the caller.</summary>
public interface IFrameLog
{
    void Record(string chargerId, FrameDirection direction, ReadOnlySpan<byte> frame, DateTimeOffset at);
}
