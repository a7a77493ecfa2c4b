using System.Text.Json;
using CentralSystem.Oscp.Messages;
using Microsoft.AspNetCore.Http;

namespace CentralSystem.Oscp.Http;

/// <summary>Thin HTTP adapter: request → <see cref="OscpFlexibilityProvider"/> → 204, or status + <c>{"message": …}</c>.</summary>
public static class OscpHttpAdapter
{
    /// <summary>Forecasts are small (ELMO sends 24 hourly blocks); anything this large is refused unread.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static async Task HandleAsync(HttpContext context, OscpMessageKind kind, OscpFlexibilityProvider processor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(processor);
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteAsync(context, new OscpInboundResponse(413, "body too large"), cancellationToken);
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > MaxBodyBytes)
        {
            await WriteAsync(context, new OscpInboundResponse(413, "body too large"), cancellationToken);
            return;
        }

        var response = await processor.HandleAsync(kind, new OscpInboundRequest(
            request.Method,
            request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            request.Headers["X-Request-ID"].ToString() is { Length: > 0 } id ? id : null,
            request.ContentType,
            body.GetBuffer().AsMemory(0, (int)body.Length)), cancellationToken);
        await WriteAsync(context, response, cancellationToken);
    }

    private static async Task WriteAsync(HttpContext context, OscpInboundResponse response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.StatusCode == StatusCodes.Status204NoContent)
        {
            return;
        }

        // Digest §7.2 [R]: echo the request id as X-Correlation-ID on errors; SolarNetwork adds X-Error-Message on 501.
        if (context.Request.Headers["X-Request-ID"].ToString() is { Length: > 0 } requestId)
        {
            context.Response.Headers["X-Correlation-ID"] = requestId;
        }

        if (response.StatusCode == StatusCodes.Status501NotImplemented && response.Message is { } message)
        {
            context.Response.Headers["X-Error-Message"] = message;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(response.Message ?? ""), ErrorBodyJson.Default.ErrorBody, cancellationToken);
    }
}
