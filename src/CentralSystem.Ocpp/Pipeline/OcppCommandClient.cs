using System.Text;
using CentralSystem.Ocpp.Schemas;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Options;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>Sends CSMS-initiated CALLs to connected chargers, validating the request before and the answer after.</summary>
public sealed class OcppCommandClient(ConnectionRegistry registry, OcppSchemaRegistry schemas, IOptions<OcppOptions> options)
{
    public async Task<OutboundCallResult> CallAsync(string chargerId, string action, ReadOnlyMemory<byte> payloadJson, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(chargerId, out var connection))
        {
            return OutboundCallResult.Closed;
        }

        var requestSchema = schemas.Find(connection.Version, action, PayloadKind.Request);
        if (requestSchema is null)
        {
            return new OutboundCallResult(OutboundCallStatus.Error, default, "NotImplemented", $"{action} does not exist in {connection.Version}");
        }

        var invalid = requestSchema.Validate(payloadJson.Span);
        if (!invalid.IsValid)
        {
            throw new ArgumentException($"{action} request violates the {connection.Version} schema: {invalid.Violations[0].Message}", nameof(payloadJson));
        }

        var timeout = TimeSpan.FromSeconds(options.Value.CallTimeoutSeconds);
        var result = await connection.CallAsync(action, payloadJson, timeout, cancellationToken);
        if (result.Status != OutboundCallStatus.Result)
        {
            return result;
        }

        var responseSchema = schemas.Find(connection.Version, action, PayloadKind.Response);
        var check = responseSchema?.Validate(result.Payload.Span);
        if (check is { IsValid: false })
        {
            return new OutboundCallResult(OutboundCallStatus.Error, result.Payload, "InvalidResponse",
                $"The charger's {action} response violates the schema: {check.Violations[0].Message}");
        }

        return result;
    }

    public Task<OutboundCallResult> CallAsync(string chargerId, string action, string payloadJson, CancellationToken cancellationToken) =>
        CallAsync(chargerId, action, Encoding.UTF8.GetBytes(payloadJson), cancellationToken);
}
