using System.Collections.Concurrent;
using System.Text.Json;
using CentralSystem.Domain.Access;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories.Access;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Access;

/// <summary>
/// Tells a charger the access mode the schedule wants, and records how it went: Applied, Rejected (the charger
/// refused the switch — the CSMS answer still enforces the mode), CsmsOnly (a 1.6 model without a free-vend key), or
/// Pending (offline or no answer: retried when it reconnects or boots). Always applies the current desired mode, so a
/// late or repeated call is harmless; one apply per charger at a time.
/// </summary>
public sealed partial class AccessCommandGateway(
    OcppCommandClient client,
    ConnectionRegistry registry,
    PgAccessStateRepository states,
    PgVehicleRepository vehicles,
    IAccessDecisionStore decisions,
    IChargerRepository chargers,
    IOptionsMonitor<AccessOptions> options,
    TimeProvider time,
    ILogger<AccessCommandGateway> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<ApplyOutcome?> ApplyAsync(string chargerId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(chargerId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var state = await states.FindAsync(chargerId, cancellationToken);
            if (state is null)
            {
                return null;
            }

            // Two triggers at once (a schedule edit and the boot that preceded it) queue here: the second finds the
            // first already applied and must not send the same switch again.
            if (!AccessModeCoordinator.NeedsApply(state))
            {
                return new ApplyOutcome(state.ApplyStatus, "already applied");
            }

            var mode = state.DesiredMode;
            ApplyOutcome outcome;
            if (!registry.TryGet(chargerId, out var connection) || connection.RegistrationStatus != ChargerRegistrationStatus.Accepted)
            {
                outcome = new ApplyOutcome(ApplyStatus.Pending, "charger offline or not accepted: the mode is applied when it connects or boots");
            }
            else
            {
                try
                {
                    outcome = connection.Version == OcppVersion.V201
                        ? await ApplyV201Async(chargerId, mode, cancellationToken)
                        : await ApplyV16Async(chargerId, mode, cancellationToken);
                }
                catch (Npgsql.NpgsqlException ex)
                {
                    LogApplyFailed(ex, chargerId);
                    outcome = new ApplyOutcome(ApplyStatus.Pending, $"database error while applying: {ex.Message}");
                }
            }

            var applied = outcome.Status is ApplyStatus.Applied or ApplyStatus.CsmsOnly ? mode : (AccessMode?)null;
            await states.RecordOutcomeAsync(chargerId, applied, outcome.Status, outcome.Detail, time.GetUtcNow(), cancellationToken);
            LogApplied(chargerId, mode, outcome.Status, outcome.Detail ?? "");
            return outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ApplyOutcome> ApplyV16Async(string chargerId, AccessMode mode, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var setting = await ResolveFreevendKeyAsync(chargerId, cancellationToken);
        ApplyStatus status;
        if (setting is null)
        {
            status = ApplyStatus.CsmsOnly;
            notes.Add("no 1.6 free-vend key configured for this model (Access:V16FreevendKeys): enforced CSMS-side");
        }
        else
        {
            var value = mode == AccessMode.Managed ? setting.ManagedValue : setting.FreevendValue;
            var step = await CallAsync(chargerId, "ChangeConfiguration", AccessCommandPayloads.ChangeConfiguration(setting.Key, value), cancellationToken);
            if (step.Unreachable)
            {
                return new ApplyOutcome(ApplyStatus.Pending, $"ChangeConfiguration {setting.Key}: {step.Text}");
            }

            status = step.Status is "Accepted" or "RebootRequired" ? ApplyStatus.Applied : ApplyStatus.Rejected;
            if (status == ApplyStatus.Rejected || step.Status == "RebootRequired")
            {
                notes.Add($"ChangeConfiguration {setting.Key}={value}: {step.Text}");
            }
        }

        if (mode == AccessMode.Managed)
        {
            // 1.6 §5.3 / §9.1: no offline "yes" for unknown tags, no cached "yes" from Freevend, own + agreement tags offline.
            var offline = await CallAsync(chargerId, "ChangeConfiguration", AccessCommandPayloads.ChangeConfiguration("AllowOfflineTxForUnknownId", "false"), cancellationToken);
            if (offline.Unreachable)
            {
                return new ApplyOutcome(ApplyStatus.Pending, $"ChangeConfiguration AllowOfflineTxForUnknownId: {offline.Text}");
            }

            Note(notes, "ChangeConfiguration AllowOfflineTxForUnknownId=false", offline, "Accepted");
            var clear = await CallAsync(chargerId, "ClearCache", AccessCommandPayloads.ClearCache(), cancellationToken);
            if (clear.Unreachable)
            {
                return new ApplyOutcome(ApplyStatus.Pending, $"ClearCache: {clear.Text}");
            }

            Note(notes, "ClearCache", clear, "Accepted");
            if (options.CurrentValue.SendLocalList)
            {
                var list = await SendLocalListAsync(chargerId, OcppVersion.V16, cancellationToken);
                if (list.Unreachable)
                {
                    return new ApplyOutcome(ApplyStatus.Pending, $"SendLocalList: {list.Text}");
                }

                Note(notes, "SendLocalList", list, "Accepted");
            }
        }

        return new ApplyOutcome(status, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private async Task<ApplyOutcome> ApplyV201Async(string chargerId, AccessMode mode, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var set = await CallAsync(chargerId, "SetVariables", AccessCommandPayloads.SetVariables(mode), cancellationToken);
        if (set.Unreachable)
        {
            return new ApplyOutcome(ApplyStatus.Pending, $"SetVariables: {set.Text}");
        }

        var status = ApplyStatus.Rejected;
        if (set.Payload is { } payload && payload.TryGetProperty("setVariableResult", out var results))
        {
            foreach (var result in results.EnumerateArray())
            {
                var component = result.GetProperty("component").GetProperty("name").GetString();
                var variable = result.GetProperty("variable").GetProperty("name").GetString();
                var attributeStatus = result.GetProperty("attributeStatus").GetString();
                var accepted = attributeStatus is "Accepted" or "RebootRequired";
                if (component == "AuthCtrlr" && variable == "Enabled" && accepted)
                {
                    status = ApplyStatus.Applied;
                }

                if (!accepted || attributeStatus == "RebootRequired")
                {
                    notes.Add($"SetVariables {component}.{variable}: {attributeStatus}");
                }
            }
        }
        else
        {
            notes.Add($"SetVariables: {set.Text}");
        }

        if (mode == AccessMode.Managed)
        {
            var clear = await CallAsync(chargerId, "ClearCache", AccessCommandPayloads.ClearCache(), cancellationToken);
            if (clear.Unreachable)
            {
                return new ApplyOutcome(ApplyStatus.Pending, $"ClearCache: {clear.Text}");
            }

            Note(notes, "ClearCache", clear, "Accepted");
            if (options.CurrentValue.SendLocalList)
            {
                var list = await SendLocalListAsync(chargerId, OcppVersion.V201, cancellationToken);
                if (list.Unreachable)
                {
                    return new ApplyOutcome(ApplyStatus.Pending, $"SendLocalList: {list.Text}");
                }

                Note(notes, "SendLocalList", list, "Accepted");
            }
        }

        return new ApplyOutcome(status, notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private async Task<StepResult> SendLocalListAsync(string chargerId, OcppVersion version, CancellationToken cancellationToken)
    {
        var effective = await decisions.FindEffectiveScheduleAsync(chargerId, cancellationToken);
        var allowed = await vehicles.ListAllowedIdentifiersAsync(chargerId, effective?.SiteId, time.GetUtcNow(), cancellationToken);
        var listVersion = await states.NextLocalListVersionAsync(chargerId, cancellationToken);
        var payload = version == OcppVersion.V201
            ? AccessCommandPayloads.SendLocalList201(listVersion, allowed)
            : AccessCommandPayloads.SendLocalList16(listVersion, allowed);
        return await CallAsync(chargerId, "SendLocalList", payload, cancellationToken);
    }

    private async Task<FreevendKeySetting?> ResolveFreevendKeyAsync(string chargerId, CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue;
        if (Lookup(configured.V16FreevendKeyOverrides, chargerId) is { } overridden)
        {
            return string.IsNullOrEmpty(overridden.Key) ? null : overridden;
        }

        var identity = (await chargers.FindAsync(chargerId, cancellationToken))?.Identity;
        if (identity is null)
        {
            return null;
        }

        var setting = Lookup(configured.V16FreevendKeys, $"{identity.Vendor}/{identity.Model}") ?? Lookup(configured.V16FreevendKeys, identity.Model);
        return setting is null || string.IsNullOrEmpty(setting.Key) ? null : setting;
    }

    private static FreevendKeySetting? Lookup(Dictionary<string, FreevendKeySetting> settings, string key) =>
        settings.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static void Note(List<string> notes, string what, StepResult step, string expected)
    {
        if (step.Status != expected)
        {
            notes.Add($"{what}: {step.Text}");
        }
    }

    private async Task<StepResult> CallAsync(string chargerId, string action, byte[] payload, CancellationToken cancellationToken)
    {
        OutboundCallResult result;
        try
        {
            result = await client.CallAsync(chargerId, action, payload, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // Our payload broke the schema (e.g. an identifier too long for this version): a bug to log, not a reason to stop.
            LogPayloadRejected(ex, chargerId, action);
            return new StepResult(false, null, null, $"not sent: {ex.Message}");
        }

        return result.Status switch
        {
            OutboundCallStatus.Result => FromPayload(result.Payload),
            OutboundCallStatus.Error => new StepResult(false, null, null, $"CALLERROR {result.ErrorCode}: {result.ErrorDescription}"),
            _ => new StepResult(true, null, null, result.ErrorDescription ?? result.Status.ToString()),
        };
    }

    private static StepResult FromPayload(ReadOnlyMemory<byte> payload)
    {
        var root = JsonDocument.Parse(payload).RootElement.Clone();
        var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
        return new StepResult(false, status, root, status ?? "answered");
    }

    /// <param name="Unreachable">No answer (offline, timeout, cancelled): the whole switch is retried later.</param>
    private sealed record StepResult(bool Unreachable, string? Status, JsonElement? Payload, string Text);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Access mode {Mode} for {ChargePointId}: {Status} {Detail}")]
    private partial void LogApplied(string chargePointId, AccessMode mode, ApplyStatus status, string detail);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Our {Action} payload for {ChargePointId} violates the schema")]
    private partial void LogPayloadRejected(Exception exception, string chargePointId, string action);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Applying the access mode to {ChargePointId} failed")]
    private partial void LogApplyFailed(Exception exception, string chargePointId);
}
