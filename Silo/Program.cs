using VisionZero.Silo.Hosting;
using VisionZero.Silo.Web;

WebApplication app;
GridHostSettings settings;
AdminKey adminKey;
try
{
    (app, settings, adminKey) = await SiloApp.BuildAsync(args);
}
catch (ArgumentException e)
{
    // Bad settings (a port, a webhook URL, a missing secret): say which, without a stack trace.
    await Console.Error.WriteLineAsync($"silo: {e.Message}");
    return 2;
}
await app.StartAsync();
Console.WriteLine(settings.IsEmbedded
    ? $"Vision Zero Grid silo up on the EMBEDDED default " +
      $"(localhost clustering, in-memory storage: nothing persists). " +
      $"Gateway 127.0.0.1:{settings.GatewayPort}. Pass --postgres \"Host=...\" (or VZ_POSTGRES) to use PostgreSQL."
    : $"Vision Zero Grid silo up on PostgreSQL (cluster '{settings.ClusterId}'). " +
      $"Silo port {settings.SiloPort}, gateway " +
      $"{(settings.Kubernetes ? "the pod's IP" : settings.AdvertiseHost ?? "127.0.0.1")}:{settings.GatewayPort}" +
      (settings.Kubernetes ? ", Kubernetes hosting." : "."));
Console.WriteLine(
    $"HTTP on {string.Join(", ", app.Urls)}: dashboards /dashboard and /hangfire, health /health/ready. " +
    (adminKey.File is { } file
        ? $"No VZ_ADMIN_KEY was set: the admin key was generated into {file}."
        : "Admin key from VZ_ADMIN_KEY."));
await app.WaitForShutdownAsync();
return 0;
