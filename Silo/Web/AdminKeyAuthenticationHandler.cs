using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VisionZero.Silo.Web;

/// <summary>`Authorization: Bearer KEY` with the admin key; anything else is not this scheme's business.</summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminKey key,
    KeyGuessLimit guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!key.Matches(header["Bearer ".Length..].Trim()))
        {
            guesses.Failed(Context);
            return Task.FromResult(AuthenticateResult.Fail("the admin key does not match"));
        }
        return Task.FromResult(AuthenticateResult.Success(AdminTicket.Create(SchemeName)));
    }
}
