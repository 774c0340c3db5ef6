using Microsoft.OpenApi;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// Query parameters written into the OpenAPI document by hand: the endpoints parse them by hand
/// (<see cref="ApiInput"/>), so the framework cannot see them.
/// </summary>
public static class QueryParameterDocs
{
    public static RouteHandlerBuilder WithQuery(
        this RouteHandlerBuilder endpoint,
        params QueryParameter[] parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var p in parameters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name,
                    In = ParameterLocation.Query,
                    Required = p.Required,
                    Description = p.Description,
                    Schema = new OpenApiSchema { Type = p.Type, Format = p.Format },
                });
            return Task.CompletedTask;
        });
}

/// <summary>One documented query parameter.</summary>
public sealed record QueryParameter(
    string Name,
    JsonSchemaType Type,
    string Description,
    bool Required = false,
    string? Format = null)
{
    public static QueryParameter AsOf { get; } = new(
        "asOf",
        JsonSchemaType.String,
        "The day the windows and the forecast are as of (YYYY-MM-DD); default: the latest crash ingested.",
        Format: "date");
}
