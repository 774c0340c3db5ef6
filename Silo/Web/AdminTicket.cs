using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace VisionZero.Silo.Web;

/// <summary>The identity of whoever holds the admin key: one role, no names.</summary>
public static class AdminTicket
{
    public const string Role = "admin";

    public static ClaimsPrincipal Principal(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Role)], scheme));

    public static AuthenticationTicket Create(string scheme) => new(Principal(scheme), scheme);
}
