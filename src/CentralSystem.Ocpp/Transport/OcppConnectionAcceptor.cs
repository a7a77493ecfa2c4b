using System.Net.WebSockets;
using System.Text;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CentralSystem.Ocpp.Transport;

/// <summary>
/// The HTTP side of an OCPP connection: identity, Basic credentials (security profile 1) and subprotocol are settled
/// before the upgrade, so unknown chargers and wrong passwords never get a WebSocket.
/// </summary>
public sealed partial class OcppConnectionAcceptor(
    IChargerRepository chargers,
    OcppMessagePipeline pipeline,
    ConnectionRegistry registry,
    IFrameLog frameLog,
    IOptions<OcppOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory,
    IEnumerable<IChargerSessionObserver> sessionObservers)
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Ocpp201 = "ocpp2.0.1";

    // OCPP 2.0.1 Part 2 (A00 / Part 4 §3.1): the identity is at most 48 characters; ':' would break Basic auth.
    private const int MaxIdentityLength = 48;

    private readonly ILogger _logger = loggerFactory.CreateLogger<OcppConnectionAcceptor>();
    private readonly ILogger<ChargePointConnection> _connectionLogger = loggerFactory.CreateLogger<ChargePointConnection>();

    public async Task AcceptAsync(HttpContext context, string chargePointId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "This is an OCPP-J endpoint: connect with a WebSocket (subprotocol ocpp1.6 or ocpp2.0.1)", cancellationToken);
            return;
        }

        if (!IsValidIdentity(chargePointId))
        {
            LogRefused(_logger, chargePointId, "invalid identity");
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"The charge point identity must be 1 to {MaxIdentityLength} printable characters without ':'", cancellationToken);
            return;
        }

        var charger = await chargers.FindAsync(chargePointId, cancellationToken);
        if (charger is null)
        {
            if (!options.Value.AllowUnknownChargers)
            {
                LogRefused(_logger, chargePointId, "unknown charger");
                await RefuseAsync(context, StatusCodes.Status404NotFound, "Unknown charge point: register it with the operator API first", cancellationToken);
                return;
            }

            // Security profile 1 still applies to a charger that registers itself: the password it presents first
            // becomes its credential (trust on first use), so nobody else can take its id over later.
            if (!TryReadCredentials(context.Request, out var user, out var presented)
                || !string.Equals(user, chargePointId, StringComparison.Ordinal) || presented.Length is 0 or > ChargerPassword.MaxLength)
            {
                LogRefused(_logger, chargePointId, "unknown charger without usable Basic credentials");
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "HTTP Basic credentials are required (user name = charge point identity)", cancellationToken);
                return;
            }

            charger = new ChargerRecord(chargePointId, ChargerPassword.Create(presented), ChargerRegistrationStatus.Pending, false, null, null, null, time.GetUtcNow(), null, null);
            if (await chargers.CreateAsync(charger, cancellationToken))
            {
                LogSelfRegistered(_logger, chargePointId);
            }
            else
            {
                // Registered concurrently (two first connections at once): judge this one by the stored credential.
                charger = await chargers.FindAsync(chargePointId, cancellationToken) ?? charger;
            }
        }

        if (charger.Password is null || !HasValidCredentials(context.Request, chargePointId, charger.Password))
        {
            LogRefused(_logger, chargePointId, "missing or wrong credentials");
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "HTTP Basic credentials missing or wrong", cancellationToken);
            return;
        }

        var subProtocol = SelectSubProtocol(context.WebSockets.WebSocketRequestedProtocols);
        var accept = new WebSocketAcceptContext
        {
            SubProtocol = subProtocol,
            KeepAliveInterval = TimeSpan.FromSeconds(options.Value.PingIntervalSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(options.Value.PingTimeoutSeconds),
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
        if (subProtocol is null)
        {
            // OCPP 2.0.1 Part 4 §3.1.2: complete the handshake without Sec-WebSocket-Protocol, then close at once.
            LogRefused(_logger, chargePointId, "no supported subprotocol offered");
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.ProtocolError, "Offer subprotocol ocpp2.0.1 or ocpp1.6", closeTimeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
            {
                socket.Abort();
            }

            return;
        }

        var version = subProtocol == Ocpp201 ? OcppVersion.V201 : OcppVersion.V16;
        var settings = new ChargerConnectionSettings(charger.Status, charger.LenientValidation, charger.LogFrames ?? options.Value.LogFramesByDefault);
        var connection = new ChargePointConnection(chargePointId, version, socket, settings, pipeline, registry, frameLog, options.Value, time, _connectionLogger, lifetime.ApplicationStopping);

        // RunAsync registers the connection before its first await, so observers can already reach the charger.
        var running = connection.RunAsync();
        ChargerSessionEvents.Connected(sessionObservers, chargePointId, version);
        try
        {
            await running;
        }
        finally
        {
            ChargerSessionEvents.Disconnected(sessionObservers, chargePointId, version);
        }
    }

    /// <summary>Prefer 2.0.1 when the charger offers both.</summary>
    public static string? SelectSubProtocol(IList<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        string? chosen = null;
        foreach (var protocol in offered)
        {
            if (string.Equals(protocol, Ocpp201, StringComparison.OrdinalIgnoreCase))
            {
                return Ocpp201;
            }

            if (string.Equals(protocol, Ocpp16, StringComparison.OrdinalIgnoreCase))
            {
                chosen = Ocpp16;
            }
        }

        return chosen;
    }

    public static bool IsValidIdentity(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdentityLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c <= ' ' || c == ':' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    // Security profile 1: the Basic user name is the charging station identity.
    private static bool HasValidCredentials(HttpRequest request, string chargePointId, ChargerPassword password) =>
        TryReadCredentials(request, out var user, out var presented)
        && string.Equals(user, chargePointId, StringComparison.Ordinal)
        && password.Verify(presented);

    private static bool TryReadCredentials(HttpRequest request, out string user, out string password)
    {
        user = password = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, cancellationToken);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Refused connection for {ChargePointId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string chargePointId, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Unknown charger {ChargePointId} registered as Pending (Ocpp:AllowUnknownChargers)")]
    private static partial void LogSelfRegistered(ILogger logger, string chargePointId);
}
