using Microsoft.Extensions.Configuration;

namespace VisionZero.Silo.Webhooks;

/// <summary>
/// Where stage changes are POSTed: VZ_WEBHOOK_URLS (http or https, separated by commas or spaces) and the shared
/// secret that signs them, VZ_WEBHOOK_SECRET (from the environment or configuration, never the repository).
/// </summary>
public sealed record WebhookSettings(IReadOnlyList<Uri> Urls, byte[] Secret)
{
    public const string UrlsKey = "VZ_WEBHOOK_URLS";
    public const string SecretKey = "VZ_WEBHOOK_SECRET";
    public const int MinSecretLength = 16;

    /// <summary>Null when no URL is configured; refuses a URL that is not http(s), and a missing or short secret.
    /// </summary>
    public static WebhookSettings? From(IConfiguration configuration)
    {
        var text = configuration[UrlsKey];
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var urls = new List<Uri>();
        foreach (var part in text.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
                throw new ArgumentException(
                    $"{UrlsKey}: '{Shown(part)}' is not an http(s) URL (http://host[:port]/path)");
            urls.Add(url);
        }
        var secret = configuration[SecretKey];
        if (secret is null || secret.Trim().Length < MinSecretLength)
            throw new ArgumentException(
                $"{SecretKey} must be set, at least {MinSecretLength} characters, when {UrlsKey} is: " +
                "receivers check each webhook's signature with it");
        return new WebhookSettings(urls, System.Text.Encoding.UTF8.GetBytes(secret.Trim()));
    }

    private static string Shown(string text) =>
        new([.. (text.Length > 80 ? text[..80] : text).Select(c => char.IsControl(c) ? '?' : c)]);
}
