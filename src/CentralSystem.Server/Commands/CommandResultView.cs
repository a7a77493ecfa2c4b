using System.Text.Json;

namespace CentralSystem.Server.Commands;

/// <summary>
/// How a command ended. <see cref="Outcome"/>: <c>Accepted</c>/<c>Rejected</c>/... (the charger's own status field),
/// <c>Answered</c> (a CALLRESULT without a status), <c>CallError</c>, <c>Timeout</c> or <c>ConnectionClosed</c>.
/// </summary>
public sealed record CommandResultView(
    string Command,
    string Action,
    string Outcome,
    JsonElement? Response,
    string? ErrorCode,
    string? ErrorDescription,
    string? CorrelationId = null,
    long? SessionId = null,
    string? TransactionId = null);

/// <summary>A remote start's progress, polled at <c>GET /api/commands/{correlationId}</c>.</summary>
public sealed record RemoteStartStatusView(string CorrelationId, string ChargerId, string Status, long? SessionId, string? TransactionId, DateTimeOffset CreatedAt);
