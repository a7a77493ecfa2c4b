namespace CentralSystem.Oscp.Messages;

/// <summary>Base of every OSCP 2.0 message body (digest §6). Instances come from <c>OscpMessageReader</c>, already validated.</summary>
public abstract record OscpMessage;

/// <summary>VersionUrl: one protocol version the sender speaks and the base URL (role + version) it serves it on.</summary>
public sealed record VersionUrl(string Version, Uri BaseUrl);

/// <summary>Register (digest §3.1): <see cref="Token"/> is what the receiver must present when calling the sender.</summary>
public sealed record RegisterMessage(string Token, IReadOnlyList<VersionUrl> VersionUrls) : OscpMessage;

/// <summary>RequiredBehaviour (digest §3.2): what the sender of it wants from the receiver.</summary>
/// <param name="HeartbeatIntervalSeconds">Null when the sender wants no heartbeats; fractional wire values are rounded up (digest §6 [R]).</param>
public sealed record RequiredBehaviour(int? HeartbeatIntervalSeconds, IReadOnlyList<MeasurementConfiguration> MeasurementConfiguration);

public sealed record HandshakeMessage(RequiredBehaviour? RequiredBehaviour) : OscpMessage;

/// <summary>HandshakeAcknowledge; <c>{}</c> is common (ELMO), so the behaviour is optional (digest §12 Q3).</summary>
public sealed record HandshakeAcknowledgeMessage(RequiredBehaviour? RequiredBehaviour) : OscpMessage;

/// <summary>Heartbeat (digest §3.3): the receiver may consider the sender offline after <see cref="OfflineModeAt"/>.</summary>
public sealed record HeartbeatMessage(DateTimeOffset OfflineModeAt) : OscpMessage;

/// <summary>ForecastedBlock: a magnitude (≥ 0); the direction comes from the forecast type (digest §6).</summary>
public sealed record ForecastedBlock(double Capacity, PhaseIndicator Phase, CapacityUnit Unit, DateTimeOffset StartTime, DateTimeOffset EndTime);

/// <summary>UpdateGroupCapacityForecast (CP → FP) and AdjustGroupCapacityForecast (FP → CP) share this shape (digest §4.1, §4.2).</summary>
public sealed record GroupCapacityForecastMessage(string GroupId, CapacityForecastType Type, IReadOnlyList<ForecastedBlock> ForecastedBlocks)
    : OscpMessage;

/// <summary>GroupCapacityComplianceError (FP → CP, digest §4.3); goes out with X-Correlation-ID = the forecast's X-Request-ID.</summary>
public sealed record GroupCapacityComplianceErrorMessage(string Message, IReadOnlyList<ForecastedBlock>? ForecastedBlocks) : OscpMessage;

public sealed record EnergyMeasurement(
    double Value,
    PhaseIndicator Phase,
    EnergyMeasurementUnit Unit,
    EnergyFlowDirection Direction,
    EnergyType? EnergyType,
    DateTimeOffset MeasureTime,
    DateTimeOffset? InitialMeasureTime);

public sealed record InstantaneousMeasurement(double Value, PhaseIndicator Phase, CapacityUnit Unit, DateTimeOffset MeasureTime);

public sealed record AssetMeasurement(
    string AssetId,
    AssetCategory AssetCategory,
    EnergyMeasurement? EnergyMeasurement,
    InstantaneousMeasurement? InstantaneousMeasurement);

public sealed record UpdateGroupMeasurementsMessage(string GroupId, IReadOnlyList<EnergyMeasurement> Measurements) : OscpMessage;

public sealed record UpdateAssetMeasurementsMessage(string GroupId, IReadOnlyList<AssetMeasurement> Measurements) : OscpMessage;
