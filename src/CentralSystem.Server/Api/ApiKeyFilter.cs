using System.Security.Cryptography;
using System.Text;
using CentralSystem.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Api;

/// <summary>Operator API authentication: the X-Api-Key header, compared in constant time.</summary>
internal sealed class ApiKeyFilter(IOptions<OperatorOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        var expected = Encoding.UTF8.GetBytes(options.Value.ApiKey);
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
        {
            return TypedResults.Problem(
                title: "Unauthorized",
                detail: $"Send a valid operator API key in the {HeaderName} header",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
