using System.Text.Json;
using CentralSystem.Domain.Events;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

/// <summary>No vendor extensions are registered: every vendorId is unknown (1.6 §4.3), but the message is kept.</summary>
public sealed class DataTransferHandler(IChargerEventRepository events)
    : OcppCallHandler<DataTransferRequest, DataTransferResponse>(V16JsonContext.Default.DataTransferRequest, V16JsonContext.Default.DataTransferResponse)
{
    private static readonly DataTransferResponse UnknownVendor = new("UnknownVendorId");

    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "DataTransfer";

    protected override async ValueTask<DataTransferResponse> HandleAsync(OcppCallContext context, DataTransferRequest request, CancellationToken cancellationToken)
    {
        await events.RecordAsync(context.ChargerId, Action, JsonSerializer.Serialize(request, V16JsonContext.Default.DataTransferRequest), context.ReceivedAt, cancellationToken);
        return UnknownVendor;
    }
}
