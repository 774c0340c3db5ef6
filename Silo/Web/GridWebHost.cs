namespace VisionZero.Silo.Web;

/// <summary>
/// The silo's web host: its default address, the request body limit and how long a shutdown drains requests.
/// </summary>
public static class GridWebHost
{
    /// <summary>The HTTP port without --urls (loopback) and in the container image (every interface).</summary>
    public const int DefaultHttpPort = 5080;

    public static WebApplicationBuilder AddGridWebHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"])
            && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{DefaultHttpPort}");
        var limits = WebLimits.From(builder.Configuration);
        builder.Services.AddSingleton(limits);
        // Small for every endpoint; POST /api/ingest raises its own (IngestEndpoints).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = limits.MaxBodyBytes);
        // On SIGTERM, requests in flight are drained for at most this long. Kestrel stops first and the silo
        // after it (hosted services stop in reverse order and the web host's is registered last, at Build),
        // so a draining request still reaches its grains.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = limits.ShutdownTimeout);
        return builder;
    }
}
