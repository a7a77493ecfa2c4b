namespace CentralSystem.Oscp.Messages;

/// <summary>The OSCP 2.0 message bodies (digest §1 endpoint suffixes).</summary>
public enum OscpMessageKind
{
    Register,
    Handshake,
    HandshakeAcknowledge,
    Heartbeat,
    UpdateGroupCapacityForecast,
    AdjustGroupCapacityForecast,
    GroupCapacityComplianceError,
    UpdateGroupMeasurements,
    UpdateAssetMeasurements,
}
