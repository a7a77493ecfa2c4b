using System.Text.Json.Serialization;

namespace CentralSystem.Oscp.Http;

/// <summary>The OSCP error response body (digest §6 Error): <c>{"message": "…"}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyJson : JsonSerializerContext;
