namespace CentralSystem.Server.Auth;

/// <summary>The audit trail of operator commands: who sent what to which charger, and what came back.</summary>
public sealed partial class OperatorAudit(ILogger<OperatorAudit> logger)
{
    public void Command(string user, string role, string chargerId, string command, string outcome) =>
        LogCommand(user, role, chargerId, command, outcome);

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
