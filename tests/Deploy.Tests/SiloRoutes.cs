using Microsoft.AspNetCore.Routing;
using VisionZero.Silo.Hosting;

namespace VisionZero.Deploy.Tests;

/// <summary>
/// The paths the silo maps, from the application Program builds (embedded, never started: nothing listens).
/// </summary>
public static class SiloRoutes
{
    public static readonly Lazy<IReadOnlyList<string>> Patterns = new(Read);

    private static IReadOnlyList<string> Read()
    {
        var data = Directory.CreateTempSubdirectory("vz-deploy-test").FullName;
        var (app, _, _) = SiloApp.BuildAsync([
            "--postgres= ", "--sample", "false", "--VZ_ADMIN_KEY", "deploy-test-admin-key-0123456789",
            "--VZ_DATA_DIR", data, "--Logging:LogLevel:Default", "Critical",
        ]).GetAwaiter().GetResult();
        try
        {
            return [.. ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))];
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
