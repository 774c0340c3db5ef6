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

    /// <summary>The form has three fields; a few more leave room without inviting a flood.</summary>
    public const int MaxFormFields = 16;

    private const string DefaultReturnUrl = "/hangfire";
    private const string UnreadableReason = "vz-form-unreadable";

    /// <summary>The page's style sheet, one line of the page.</summary>
    private const string PageStyle =
        "<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}" +
        "label,input,button{display:block;width:100%;margin:.5rem 0}.error{color:#b00020}</style>";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, returnUrl, error: null, StatusCodes.Status200OK));

        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, AdminKey key, KeyGuessLimit guesses) =>
        {
            if (await ReadFormAsync(context.Request) is not { } form)
                return Unreadable(context.Request);
            var returnUrl = form["returnUrl"].ToString();
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Page(context, antiforgery, returnUrl, "The form expired; please try again.",
                    StatusCodes.Status400BadRequest);
            }
            if (!key.Matches(form["key"].ToString()))
            {
                guesses.Failed(context);
                return Page(context, antiforgery, returnUrl, "That is not the admin key.",
                    StatusCodes.Status401Unauthorized);
            }
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                AdminTicket.Principal(CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Redirect(LocalReturnUrl.IsLocal(returnUrl) ? returnUrl : DefaultReturnUrl);
        })
        .DisableAntiforgery() // validated above, so a bad token gets the page back rather than a bare 400
        .WithFormOptions(valueCountLimit: MaxFormFields, multipartBodyLengthLimit: 16 * 1024);

        // Guarded like every cookie-authenticated POST (SameOriginCheck): another site cannot sign the user out.
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(Path);
        });
    }

    /// <summary>The form's fields; null when it is not a form or cannot be read (broken, too many fields).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
            return null;
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            request.HttpContext.Items[UnreadableReason] = e.Message;
            return null;
        }
    }

    private static IResult Unreadable(HttpRequest request)
    {
        var type = request.ContentType is { Length: > 0 } given
            ? $"'{(given.Length > 60 ? given[..60] + "…" : given)}'"
            : "none";
        var detail = request.HttpContext.Items[UnreadableReason] is string reason
            ? $"The sign-in form could not be read: {reason}"
            : "The sign-in form must be application/x-www-form-urlencoded or multipart/form-data " +
              $"(content type: {type}).";
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [detail] },
            title: "The sign-in form is unreadable", detail: detail);
    }

    private static IResult Page(
        HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var back = LocalReturnUrl.IsLocal(returnUrl) ? returnUrl : DefaultReturnUrl;
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var requestToken = WebUtility.HtmlEncode(tokens.RequestToken);
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
            <title>Vision Zero Grid: sign in</title>
            {{PageStyle}}
            </head><body>
            <h1>Vision Zero Grid</h1>
            <p>The dashboards need the admin key (VZ_ADMIN_KEY, or the file the silo named at start-up).</p>
            {{message}}
            <form method="post" action="{{Path}}">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{requestToken}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(back)}}">
              <label for="key">Admin key</label>
              <input id="key" name="key" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
