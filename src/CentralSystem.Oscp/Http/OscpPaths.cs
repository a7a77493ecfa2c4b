using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Http;

/// <summary>Endpoint suffixes (digest §1) of the messages a Flexibility Provider receives.</summary>
public static class OscpPaths
{
    public const string DefaultFlexibilityProviderBase = "/oscp/fp/2.0";

    public const string Register = "register";
    public const string Handshake = "handshake";
    public const string HandshakeAcknowledge = "handshake_acknowledge";
    public const string Heartbeat = "heartbeat";
    public const string UpdateGroupCapacityForecast = "update_group_capacity_forecast";
    public const string AdjustGroupCapacityForecast = "adjust_group_capacity_forecast";
    public const string GroupCapacityComplianceError = "group_capacity_compliance_error";
    public const string UpdateGroupMeasurements = "update_group_measurements";

    /// <summary>
    /// Inbound FP suffixes. Digest §12 Q1: we send to handshake_acknowledge but also accept pyoscp's
    /// handshake_acknowledgment and lex-oscp's handshake_acknowledgement.
    /// </summary>
    public static bool TryResolveInbound(string suffix, out OscpMessageKind kind)
    {
        (var found, kind) = suffix switch
        {
            Register => (true, OscpMessageKind.Register),
            Handshake => (true, OscpMessageKind.Handshake),
            HandshakeAcknowledge or "handshake_acknowledgment" or "handshake_acknowledgement" => (true, OscpMessageKind.HandshakeAcknowledge),
            Heartbeat => (true, OscpMessageKind.Heartbeat),
            UpdateGroupCapacityForecast => (true, OscpMessageKind.UpdateGroupCapacityForecast),
            _ => (false, default),
        };
        return found;
    }

    /// <summary>Outbound suffix per message; always the canonical spelling.</summary>
    public static string Outbound(OscpMessageKind kind) => kind switch
    {
        OscpMessageKind.Register => Register,
        OscpMessageKind.Handshake => Handshake,
        OscpMessageKind.HandshakeAcknowledge => HandshakeAcknowledge,
        OscpMessageKind.Heartbeat => Heartbeat,
        OscpMessageKind.UpdateGroupCapacityForecast => UpdateGroupCapacityForecast,
        OscpMessageKind.AdjustGroupCapacityForecast => AdjustGroupCapacityForecast,
        OscpMessageKind.GroupCapacityComplianceError => GroupCapacityComplianceError,
        OscpMessageKind.UpdateGroupMeasurements => UpdateGroupMeasurements,
        OscpMessageKind.UpdateAssetMeasurements => "update_asset_measurements",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown OSCP message kind"),
    };
}
