// Operator command bodies (JSON, camelCase). Field names are the same for both OCPP versions; each endpoint maps them
// to the charger's version (1.6 connectorId, 2.0.1 evseId/connectorId).
namespace CentralSystem.Server.Commands;

/// <summary>1.6: <c>Soft</c> or <c>Hard</c>; 2.0.1: <c>Immediate</c> or <c>OnIdle</c> (optionally for one EVSE).</summary>
public sealed record ResetCommand(string? Type, int? EvseId);

public sealed record UnlockCommand(int? ConnectorId, int? EvseId);

/// <summary><c>Operative</c> or <c>Inoperative</c>; no connector/EVSE = the whole charger.</summary>
public sealed record AvailabilityCommand(string? Availability, int? ConnectorId, int? EvseId);

/// <summary>The message to trigger, e.g. <c>StatusNotification</c>, <c>MeterValues</c>, <c>Heartbeat</c>, <c>BootNotification</c>.</summary>
public sealed record TriggerCommand(string? RequestedMessage, int? ConnectorId, int? EvseId);

public sealed record RemoteStopCommand(string? TransactionId);

/// <summary>Remote start through the access policy; waits up to <c>waitSeconds</c> (0..60, default 10) for the session.</summary>
public sealed record RemoteStartCommand(string? IdToken, string? Type, int? ConnectorId, int? EvseId, int? WaitSeconds);

/// <summary>OCPP 1.6 GetConfiguration; no keys = all.</summary>
public sealed record GetConfigurationCommand(IReadOnlyList<string>? Keys);

public sealed record ChangeConfigurationCommand(string? Key, string? Value);

public sealed record VariableReference(string? Component, string? Variable, string? AttributeType, int? EvseId, string? Instance);

public sealed record GetVariablesCommand(IReadOnlyList<VariableReference>? Variables);

public sealed record VariableAssignment(string? Component, string? Variable, string? Value, string? AttributeType, int? EvseId, string? Instance);

public sealed record SetVariablesCommand(IReadOnlyList<VariableAssignment>? Variables);
