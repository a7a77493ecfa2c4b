using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.Ocpp.Transport;

public static class OcppEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapOcpp(this IEndpointRouteBuilder endpoints, string pattern = "/ocpp/{chargePointId}") =>
        endpoints.Map(pattern, (HttpContext context, string chargePointId) =>
            context.RequestServices.GetRequiredService<OcppConnectionAcceptor>().AcceptAsync(context, chargePointId));
}
