using CentralSystem.Server.Audit;

namespace CentralSystem.Server.Auth;

/// <summary>
/// The audit trail of operator actions: who sent what to which charger, and what came back. Logged here, and stored
/// by <see cref="AuditTrail"/> (commands become part of their request's stored entry).
/// </summary>
public sealed partial class OperatorAudit(AuditTrail trail, ILogger<OperatorAudit> logger)
{
    public void Command(string user, string role, string chargerId, string command, string outcome)
    {
        LogCommand(user, role, chargerId, command, outcome);
        trail.Command(user, role, chargerId, command, outcome);
    }

    public void Login(string user, bool succeeded) => LogLogin(user, succeeded);

    public void Write(string user, string role, string method, string path) => LogWrite(user, role, method, path);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "AUDIT command {Command} to {ChargePointId} by {User} ({Role}): {Outcome}")]
    private partial void LogCommand(string user, string role, string chargePointId, string command, string outcome);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "AUDIT {Method} {Path} by {User} ({Role})")]
    private partial void LogWrite(string user, string role, string method, string path);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "AUDIT login {User}: succeeded={Succeeded}")]
    private partial void LogLogin(string user, bool succeeded);
}
