using CentralSystem.Server.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CentralSystem.Server.Dashboard;

/// <summary>Describes the operator API's authentication (X-Api-Key header or the login cookie) in the OpenAPI document.</summary>
internal sealed class OperatorOpenApiTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CentralSystem operator API";
        document.Info.Description =
            "OCPP 1.6-J / 2.0.1 CSMS operator API. Authenticate with the X-Api-Key header or the cookie from POST /auth/login. " +
            "Roles: viewer (GET only), operator (commands and writes), admin (charger registration, raw CALLs). " +
            "Every non-GET call is stored in the audit trail before it is answered (GET /api/audit, operator or admin).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = OperatorAuth.ApiKeyHeader,
            Description = "Operator API key (role from Operator:ApiKeys; the legacy Operator:ApiKey is admin)",
        };
        document.Components.SecuritySchemes["cookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = OperatorAuth.CookieName,
            Description = "Set by POST /auth/login",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("cookie", document)] = [] });
        return Task.CompletedTask;
    }
}
