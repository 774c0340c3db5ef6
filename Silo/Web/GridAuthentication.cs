using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace VisionZero.Silo.Web;

/// <summary>
/// Who is the admin: the admin key or the sign-in cookie, the key-guess lockout, antiforgery and the admin
/// policy (<see cref="GridWebExtensions.AdminPolicy"/>).
/// </summary>
public static class GridAuthentication
{
    private const string AdminScheme = "Admin";

    public static IServiceCollection AddGridAuthentication(
        this IServiceCollection services,
        AdminKey key,
        IConfiguration configuration)
    {
        services.AddSingleton(key);
        services.AddSingleton(KeyGuessLimit.From(configuration));
        services.AddAntiforgery(o => o.Cookie.Name = "vz-antiforgery");
        services.AddAuthentication(AdminScheme)
            // A request with an Authorization header is judged by the key it carries, any other by its cookie.
            .AddPolicyScheme(AdminScheme, "admin key or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0
                    ? AdminKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(
                AdminKeyAuthenticationHandler.SchemeName,
                null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "vz-admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.LoginPath = SignInPage.Path;
                o.Events.OnRedirectToLogin = context =>
                {
                    // Browsers are sent to the sign-in page; programs get a plain 401.
                    if (context.Request.Headers.Accept.ToString()
                        .Contains("text/html", StringComparison.OrdinalIgnoreCase))
                        context.Response.Redirect(context.RedirectUri);
                    else
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(GridWebExtensions.AdminPolicy, p => p.RequireRole(AdminTicket.Role));
        return services;
    }
}
