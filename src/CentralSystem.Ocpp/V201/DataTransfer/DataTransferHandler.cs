using System.Text.Json;
using CentralSystem.Domain.Events;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.DataTransfer;

/// <summary>P01/P02: no vendor extensions are registered, so the answer is UnknownVendorId; the message is kept.</summary>
public sealed class DataTransferHandler(IChargerEventRepository events)
    : OcppCallHandler<DataTransferRequest, DataTransferResponse>(V201JsonContext.Default.DataTransferRequest, V201JsonContext.Default.DataTransferResponse)
{
    private static readonly DataTransferResponse UnknownVendor = new("UnknownVendorId");

    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "DataTransfer";

    protected override async ValueTask<DataTransferResponse> HandleAsync(OcppCallContext context, DataTransferRequest request, CancellationToken cancellationToken)
    {
        await events.RecordAsync(context.ChargerId, Action, JsonSerializer.Serialize(request, V201JsonContext.Default.DataTransferRequest), context.ReceivedAt, cancellationToken);
        return UnknownVendor;
    }
}
