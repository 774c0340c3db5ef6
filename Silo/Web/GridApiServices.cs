namespace VisionZero.Silo.Web;

/// <summary>
/// The API's OpenAPI document and its JSON wire format.
/// </summary>
public static class GridApiServices
{
    public static IServiceCollection AddGridOpenApi(this IServiceCollection services)
    {
        // The document describes the API only, not the dashboards' or sign-in's own routes.
        services.AddOpenApi(o =>
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        return services;
    }

    public static IServiceCollection AddGridJson(this IServiceCollection services)
    {
        // The same wire format as `vz --json`: camelCase, absent rather than null where a field does not apply.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition =
                System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Api.ApiJsonContext.Default);
        });
        return services;
    }
}
