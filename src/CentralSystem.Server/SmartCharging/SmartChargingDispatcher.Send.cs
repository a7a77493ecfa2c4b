using System.Text.Json;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories.SmartCharging;

namespace CentralSystem.Server.SmartCharging;

public sealed partial class SmartChargingDispatcher
{
    private const string SetChargingProfile = "SetChargingProfile";

    private void StartDueFlushes(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<string> chargers;
        lock (_gate)
        {
            chargers = _targets.Values.Where(t => t.DueAt <= now).Select(t => t.Key.ChargerId).Distinct().ToList();
        }

        foreach (var chargerId in chargers)
        {
            // One sender per charger: the command client queues one CALL at a time per charger anyway, and a slow or
            // silent charger must not hold up the others or the recalculation loop.
            if (_flushing.TryAdd(chargerId, 0))
            {
                _ = Task.Run(() => FlushAsync(chargerId, cancellationToken), CancellationToken.None);
            }
        }
    }

    private async Task FlushAsync(string chargerId, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && NextDue(chargerId) is { } next)
            {
                await SendAsync(next.Target, next.Spec, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogFlushFailed(ex, chargerId);
        }
        finally
        {
            _flushing.TryRemove(chargerId, out _);
        }
    }

    private (TargetState Target, ProfileSpec Spec)? NextDue(string chargerId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // Safe defaults first, then reductions (safety), then increases.
            var due = TargetsOfLocked(chargerId)
                .Where(t => t.DueAt <= now && t.Desired is not null)
                .OrderBy(t => ProfilePayloads.IsSafeDefault(t.Desired!) ? 0 : t.Sent is { } s && t.Desired!.Limit < s.Limit ? 1 : 2)
                .FirstOrDefault();
            if (due is null)
            {
                return null;
            }

            due.DueAt = null;
            return (due, due.Desired!);
        }
    }

    private async Task SendAsync(TargetState target, ProfileSpec spec, CancellationToken cancellationToken)
    {
        var chargerId = target.Key.ChargerId;
        var now = _time.GetUtcNow();
        DateTimeOffset? validTo = ProfilePayloads.IsSafeDefault(spec) ? null : now.AddMinutes(_options.ProfileValidityMinutes);
        string payload = string.Empty;
        string status;
        string? error = null;
        if (!_connections.TryGet(chargerId, out var connection))
        {
            status = "Failed";
            error = "charger not connected";
        }
        else
        {
            payload = ProfilePayloads.Build(connection.Version, spec, now, validTo);
            try
            {
                var result = await _commands.CallAsync(chargerId, SetChargingProfile, payload, cancellationToken);
                (status, error) = Interpret(result);
            }
            catch (ArgumentException ex)
            {
                status = "Failed";
                error = $"payload rejected by the schema: {ex.Message}";
            }
        }

        DispatchedProfileRecord record;
        lock (_gate)
        {
            target.Sent = spec;
            target.Attempts++;
            target.Status = status;
            target.LastError = error;
            if (status == "Accepted")
            {
                target.ValidTo = validTo;

                // Changed while this one was in flight: send the newer limit.
                target.DueAt = ReferenceEquals(target.Desired, spec) ? null : now;
            }
            else
            {
                var delay = Math.Min(_options.RetryBaseSeconds * Math.Pow(2, Math.Min(target.Attempts - 1, 20)), _options.MaxRetrySeconds);
                target.DueAt = now.AddSeconds(delay);
            }

            record = new DispatchedProfileRecord(chargerId, target.Key.EvseId, spec.Purpose.ToString(), target.SiteId, ProfilePayloads.ProfileId(spec),
                spec.Limit, spec.Unit.ToString(), payload.Length > 0 ? payload : "{}", status, target.Attempts, error, now);
        }

        if (status == "Accepted")
        {
            LogProfileAccepted(chargerId, spec);
        }
        else
        {
            LogProfileNotAccepted(chargerId, spec, status, error, target.Attempts);
        }

        try
        {
            await _profileRepository.UpsertAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(ex, chargerId);
        }
    }

    private static (string Status, string? Error) Interpret(OutboundCallResult result)
    {
        switch (result.Status)
        {
            case OutboundCallStatus.Result:
                using (var doc = JsonDocument.Parse(result.Payload))
                {
                    var root = doc.RootElement;
                    var answer = root.TryGetProperty("status", out var s) ? s.GetString() ?? "?" : "?";
                    if (answer == "Accepted")
                    {
                        return ("Accepted", null);
                    }

                    var reason = root.TryGetProperty("statusInfo", out var info) && info.TryGetProperty("reasonCode", out var code) ? $" ({code.GetString()})" : string.Empty;
                    return ("Rejected", $"charger answered {answer}{reason}");
                }

            case OutboundCallStatus.Error:
                return ("Failed", $"CALLERROR {result.ErrorCode}: {result.ErrorDescription}");
            default:
                return ("Failed", $"{result.Status}: {result.ErrorDescription}");
        }
    }
}
