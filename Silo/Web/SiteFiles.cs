using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace VisionZero.Silo.Web;

/// <summary>
/// The risk map at / (Silo/Site, copied next to the silo's assembly): plain files, public like the read API. The
/// pages load nothing from anywhere else, and the content security policy holds them to that.
/// </summary>
public static class SiteFiles
{
    public const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'";

    public static WebApplication UseSite(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Site");
        if (!Directory.Exists(folder))
            return app;
        var files = new PhysicalFileProvider(folder);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.ContentSecurityPolicy = Policy;
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }
}
