using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace VisionZero.Silo.Web;

/// <summary>
/// The dashboards' sign-in: one field for the admin key; on success a cookie (HttpOnly, SameSite=Strict,
/// 8 hours) and a redirect back to the page asked for. Login CSRF is refused by an antiforgery token.
/// </summary>
public static class SignInPage
{
    public const string Path = "/signin";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, returnUrl, error: null, StatusCodes.Status200OK));

        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, AdminKey key) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Page(context, antiforgery, returnUrl, "The form expired; please try again.", StatusCodes.Status400BadRequest);
            }
            if (!key.Matches(form["key"].ToString()))
                return Page(context, antiforgery, returnUrl, "That is not the admin key.", StatusCodes.Status401Unauthorized);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                AdminTicket.Principal(CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/hangfire");
        }).DisableAntiforgery(); // validated above, so a bad token gets the page back rather than a bare 400

        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(Path);
        });
    }

    /// <summary>Only paths on this site: "//host" and "/\host" would send the browser elsewhere.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Vision Zero Grid: sign in</title>
            <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.5rem 0}.error{color:#b00020}</style>
            </head><body>
            <h1>Vision Zero Grid</h1>
            <p>The dashboards need the admin key (VZ_ADMIN_KEY, or the file the silo named at start-up).</p>
            {{message}}
            <form method="post" action="{{Path}}">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : "/hangfire")}}">
              <label for="key">Admin key</label>
              <input id="key" name="key" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
