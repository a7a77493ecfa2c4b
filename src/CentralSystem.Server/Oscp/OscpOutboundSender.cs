using System.Net.Http.Headers;
using System.Threading.Channels;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Oscp.Validation;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Drains the OSCP outbox: one worker per peer so a peer that is down does not hold up the others, and so each peer
/// gets our messages in order (the Register reply before anything that needs it). Durable messages are retried with
/// exponential backoff until a final outcome (digest §7.2); heartbeats and measurements are tried a few times only,
/// because the next period brings a fresher one.
/// </summary>
public sealed partial class OscpOutboundSender(
    OscpOutboundQueue queue,
    OscpFlexibilityProvider provider,
    IOscpStateStore store,
    TimeProvider time,
    IOptions<OscpHostOptions> options,
    ILogger<OscpOutboundSender> logger) : BackgroundService
{
    private const int TransientAttempts = 3;
    private readonly Dictionary<string, Channel<OscpOutboundMessage>> _peers = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds),
    };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_peers.TryGetValue(message.PeerId, out var channel))
                {
                    channel = Channel.CreateUnbounded<OscpOutboundMessage>(new UnboundedChannelOptions { SingleReader = true });
                    _peers[message.PeerId] = channel;
                    _workers.Add(RunPeerAsync(channel.Reader, stoppingToken));
                }

                channel.Writer.TryWrite(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_workers);
    }

    private async Task RunPeerAsync(ChannelReader<OscpOutboundMessage> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(OscpOutboundMessage message, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, status, error) = await SendOnceAsync(message, stoppingToken);
            if (message.Durable)
            {
                await RecordAsync(new OscpDeliveryRecord(message.RequestId, attempt, outcome, status, error, time.GetUtcNow()), stoppingToken);
            }

            if (outcome != OscpDeliveryOutcome.Retry || (!message.Durable && attempt >= TransientAttempts))
            {
                if (outcome == OscpDeliveryOutcome.Delivered)
                {
                    LogDelivered(message.Kind, message.PeerId, message.RequestId, attempt);
                }
                else
                {
                    LogFailed(message.Kind, message.PeerId, message.RequestId, outcome, status, error);
                }

                if (message.Durable || outcome == OscpDeliveryOutcome.NeedsOperator)
                {
                    await provider.OnDeliveryFinishedAsync(message, outcome, error ?? status?.ToString(System.Globalization.CultureInfo.InvariantCulture), stoppingToken);
                }

                return;
            }

            var delay = OscpDeliveryPolicy.Backoff(attempt + 1, TimeSpan.FromSeconds(settings.RetryInitialSeconds), TimeSpan.FromSeconds(settings.RetryMaxSeconds));
            LogRetrying(message.Kind, message.PeerId, status, error, delay);
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    private async Task<(OscpDeliveryOutcome Outcome, int? Status, string? Error)> SendOnceAsync(OscpOutboundMessage message, CancellationToken cancellationToken)
    {
        var peer = provider.Registry.Exists(message.PeerId) ? provider.Registry.Snapshot(message.PeerId) : null;
        var token = peer is null ? null : provider.Registry.OutboundToken(message.PeerId);
        if (peer?.BaseUrl is not { } baseUrl || token is null)
        {
            return (OscpDeliveryOutcome.Rejected, null, "the peer is not registered (no base URL or token)");
        }

        // Strict and complete on send (digest §12 Q3): our own body must pass the same reader as the peer's.
        var body = OscpMessageWriter.Write(message.Body);
        var check = OscpMessageReader.Read(message.Kind, body);
        if (!check.IsValid)
        {
            return (OscpDeliveryOutcome.Rejected, null, $"our {message.Kind} failed validation: {check.Error}");
        }

        // Digest §1: base_url already names role and version; append the fixed suffix, never a hard-coded path.
        var suffix = message.Kind == OscpMessageKind.HandshakeAcknowledge ? peer.Profile.HandshakeAcknowledgePath : OscpPaths.Outbound(message.Kind);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{baseUrl.ToString().TrimEnd('/')}/{suffix}"));
        request.Headers.Authorization = new AuthenticationHeaderValue(OscpRequestGate.TokenScheme, token);
        request.Headers.Add("X-Request-ID", message.RequestId);
        if (message.CorrelationId is { } correlation)
        {
            request.Headers.Add("X-Correlation-ID", correlation);
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var outcome = OscpDeliveryPolicy.Classify(status);
            var error = outcome == OscpDeliveryOutcome.Delivered ? null : await ErrorTextAsync(response, cancellationToken);
            return (outcome, status, error);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (OscpDeliveryOutcome.Retry, null, ex.Message);
        }
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 500 ? text[..500] : text;
    }

    private async Task RecordAsync(OscpDeliveryRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordDeliveryAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(ex, record.RequestId);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "OSCP {Kind} to {PeerId} delivered ({RequestId}, attempt {Attempt})")]
    private partial void LogDelivered(OscpMessageKind kind, string peerId, string requestId, int attempt);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "OSCP {Kind} to {PeerId} not delivered ({RequestId}): {Outcome}, status {Status}: {Error}")]
    private partial void LogFailed(OscpMessageKind kind, string peerId, string requestId, OscpDeliveryOutcome outcome, int? status, string? error);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "OSCP {Kind} to {PeerId} failed (status {Status}: {Error}); retrying in {Delay}")]
    private partial void LogRetrying(OscpMessageKind kind, string peerId, int? status, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Recording the delivery of OSCP message {RequestId} failed")]
    private partial void LogRecordFailed(Exception exception, string requestId);
}
