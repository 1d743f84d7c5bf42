using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Groundwork.Web;

/// Documents the bearer scheme so that generated clients send personal access tokens.
public sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Groundwork API";
        document.Info.Version = "v1";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A personal access token (gwp_…), created on the Tokens page.",
        };
        return Task.CompletedTask;
    }
}
