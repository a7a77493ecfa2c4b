using System.Text;
using CentralSystem.Domain.Events;
using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>
/// Answers notifications whose response is empty (firmware/log status, events, reports ...) after storing them,
/// so nothing a charger reports is lost and no valid message gets a CALLERROR (CitrineOS #216).
/// </summary>
public sealed class NotificationRecorder(OcppVersion version, string action, IChargerEventRepository events) : IOcppCallHandler
{
    private static ReadOnlySpan<byte> EmptyObject => "{}"u8;

    public OcppVersion Version { get; } = version;

    public string Action { get; } = action;

    public async ValueTask<SerializedReply> HandleAsync(OcppCallContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await events.RecordAsync(context.ChargerId, Action, Encoding.UTF8.GetString(payload.Span), context.ReceivedAt, cancellationToken);
        var frame = FrameWriter.WriteCallResultRaw(context.MessageId, EmptyObject, out var range);
        return new SerializedReply(frame, range);
    }

    public static IEnumerable<NotificationRecorder> For(IChargerEventRepository events)
    {
        string[] v16 = ["DiagnosticsStatusNotification", "FirmwareStatusNotification"];
        string[] v201 =
        [
            "FirmwareStatusNotification", "LogStatusNotification", "NotifyEvent", "NotifyReport", "NotifyMonitoringReport",
            "SecurityEventNotification", "ClearedChargingLimit", "NotifyChargingLimit", "ReservationStatusUpdate",
            "NotifyCustomerInformation", "NotifyDisplayMessages", "PublishFirmwareStatusNotification", "ReportChargingProfiles",
        ];
        return v16.Select(a => new NotificationRecorder(OcppVersion.V16, a, events))
            .Concat(v201.Select(a => new NotificationRecorder(OcppVersion.V201, a, events)));
    }
}
