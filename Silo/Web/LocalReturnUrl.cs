namespace VisionZero.Silo.Web;

/// <summary>
/// Where the sign-in may send the browser back to: a path on this site and nothing a browser could read
/// as another host. An allow-list rather than a list of known tricks: a single leading '/', then only
/// URL path and query characters (no control characters, whitespace or backslash), no "." or ".."
/// segment, and the same holds for every percent-decoding of it, so "/%2F/evil" or "/%5Cevil" fail too.
/// </summary>
public static class LocalReturnUrl
{
    public const int MaxLength = 2048;

    /// <summary>Enough rounds to see through any layering a browser, proxy or framework might undo.</summary>
    private const int DecodingRounds = 4;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
            return false;
        var text = url;
        for (var round = 0; round <= DecodingRounds; round++)
        {
            if (!IsPlainLocalPath(text))
                return false;
            var decoded = Decode(text);
            if (decoded is null)
                return false;
            if (decoded == text)
                return true;
            text = decoded;
        }
        return false; // still decoding after that many rounds: not a path anyone types
    }

    private static bool IsPlainLocalPath(string text)
    {
        if (text[0] != '/' || (text.Length > 1 && text[1] is '/' or '\\'))
            return false;
        foreach (var c in text)
            if (!IsAllowed(c))
                return false;
        var path = text.AsSpan(0, text.IndexOfAny(['?', '#']) is var end and >= 0 ? end : text.Length);
        foreach (var segment in path.ToString().Split('/'))
            if (segment is "." or "..")
                return false;
        return true;
    }

    /// <summary>RFC 3986's unreserved and sub-delimiter characters, ':' '@' '/' '?' '#' and '%' for escapes.</summary>
    private static bool IsAllowed(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '='
            or ':' or '@' or '/' or '?' or '#' or '%';

    /// <summary>One round of percent-decoding; null when an escape is malformed or decodes to invalid UTF-8.</summary>
    private static string? Decode(string text)
    {
        if (!text.Contains('%'))
            return text;
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
            if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))
                return null;
        var decoded = Uri.UnescapeDataString(text);
        return decoded.Contains('\uFFFD') ? null : decoded;
    }
}
