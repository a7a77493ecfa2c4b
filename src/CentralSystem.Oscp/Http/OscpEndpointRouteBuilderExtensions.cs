using CentralSystem.Oscp.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.Oscp.Http;

public static class OscpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Flexibility Provider endpoints under <paramref name="basePath"/> (digest §2; configurable because the
    /// first register URL travels out-of-band, §12 Q12). Needs <see cref="OscpFlexibilityProvider"/> in DI.
    /// </summary>
    public static RouteGroupBuilder MapOscp(this IEndpointRouteBuilder endpoints, string? basePath = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        basePath ??= endpoints.ServiceProvider.GetService<OscpEndpointOptions>()?.BasePath ?? OscpPaths.DefaultFlexibilityProviderBase;
        var group = endpoints.MapGroup(basePath);
        group.MapMethods("/" + OscpPaths.Register, ["POST", "PUT", "DELETE"],
            (HttpContext context, OscpFlexibilityProvider processor, CancellationToken cancellationToken) =>
                OscpHttpAdapter.HandleAsync(context, OscpMessageKind.Register, processor, cancellationToken));
        group.MapPost("/{message}", async (HttpContext context, string message, OscpFlexibilityProvider processor, CancellationToken cancellationToken) =>
        {
            if (!OscpPaths.TryResolveInbound(message, out var kind) || kind == OscpMessageKind.Register)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await OscpHttpAdapter.HandleAsync(context, kind, processor, cancellationToken);
        });
        return group;
    }
}
