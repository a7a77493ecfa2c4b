using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>Typed base: deserialises the request, lets the subclass decide, serialises the response.</summary>
public abstract class OcppCallHandler<TRequest, TResponse>(JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    : IOcppCallHandler
{
    public abstract OcppVersion Version { get; }

    public abstract string Action { get; }

    public async ValueTask<SerializedReply> HandleAsync(OcppCallContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = JsonSerializer.Deserialize(payload.Span, requestType)
            ?? throw new JsonException("payload must be an object");
        var response = await HandleAsync(context, request, cancellationToken);
        var frame = FrameWriter.WriteCallResult(context.MessageId, response, responseType, out var range);
        return new SerializedReply(frame, range);
    }

    protected abstract ValueTask<TResponse> HandleAsync(OcppCallContext context, TRequest request, CancellationToken cancellationToken);
}
