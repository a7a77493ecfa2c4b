namespace CentralSystem.Ocpp.Transport;

public sealed class OcppOptions
{
    public const string SectionName = "Ocpp";

    /// <summary>Accept charger ids that were not registered, registering them as Pending (see README).</summary>
    public bool AllowUnknownChargers { get; set; }

    /// <summary>Interval returned in BootNotification for Heartbeats.</summary>
    public int HeartbeatIntervalSeconds { get; set; } = 300;

    /// <summary>Retry interval returned with a Pending/Rejected BootNotification.</summary>
    public int PendingRetryIntervalSeconds { get; set; } = 60;

    /// <summary>WebSocket ping interval; a peer that does not answer within <see cref="PingTimeoutSeconds"/> is dropped.</summary>
    public int PingIntervalSeconds { get; set; } = 30;

    public int PingTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a CSMS→charger CALL may wait for its answer.</summary>
    public int CallTimeoutSeconds { get; set; } = 30;

    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>Inbound CALLs a connection may have queued before its receive loop stops reading (backpressure).</summary>
    public int MaxQueuedInboundCalls { get; set; } = 8;

    /// <summary>Default for chargers without their own setting: record raw frames for the operator API.</summary>
    public bool LogFramesByDefault { get; set; } = true;
}
