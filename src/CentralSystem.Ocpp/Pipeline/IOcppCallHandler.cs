namespace CentralSystem.Ocpp.Pipeline;

/// <summary>Answers one charger-initiated action of one OCPP version.</summary>
public interface IOcppCallHandler
{
    OcppVersion Version { get; }

    string Action { get; }

    /// <summary>The payload has passed schema validation (or lenient mode accepted it).</summary>
    ValueTask<SerializedReply> HandleAsync(OcppCallContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
