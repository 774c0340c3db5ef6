using System.Text;

namespace VisionZero.CrashData;

/// <summary>
/// The one identity of a street corner: two canonical street names, sorted, so that "A &amp; B" and
/// "B &amp; A" are the same intersection. <see cref="Id"/> is URL-safe; <see cref="Name"/> is for people.
/// </summary>
public sealed record IntersectionKey
{
    private IntersectionKey(string streetA, string streetB)
    {
        StreetA = streetA;
        StreetB = streetB;
        Name = $"{streetA} & {streetB}";
        Id = $"{Slug(streetA)}--{Slug(streetB)}";
    }

    public string StreetA { get; }

    public string StreetB { get; }

    public string Name { get; }

    public string Id { get; }

    /// <summary>Null when either name is blank, or both name the same street.</summary>
    public static IntersectionKey? TryCreate(string? onStreet, string? crossStreet)
    {
        var a = StreetName.Canonical(onStreet);
        var b = StreetName.Canonical(crossStreet);
        if (a is null || b is null || a == b)
            return null;
        return string.CompareOrdinal(a, b) <= 0 ? new IntersectionKey(a, b) : new IntersectionKey(b, a);
    }

    /// <summary>
    /// Parses what a person types: "Flatbush Ave &amp; Avenue U", "avenue u / flatbush avenue",
    /// "AVENUE U AND FLATBUSH AVE", an id such as "avenue-u--flatbush-avenue", or the original design's
    /// intersection_id, the roadway and the cross street joined by an underscore ("FLATBUSH AVENUE_AVENUE U").
    /// </summary>
    public static IntersectionKey? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        foreach (var separator in new[] { "&", "/", " AND ", " and ", " And ", "--", "_" })
        {
            var at = text.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
                continue;
            var left = text[..at];
            var right = text[(at + separator.Length)..];
            if (separator == "--")
            {
                left = left.Replace('-', ' ');
                right = right.Replace('-', ' ');
            }
            return TryCreate(left, right);
        }
        return null;
    }

    private static string Slug(string street)
    {
        var builder = new StringBuilder(street.Length);
        foreach (var c in street)
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }

    /// <summary>
    /// Whether the text has the shape of an <see cref="Id"/> (lower case, digits, '-', streets joined by "--").
    /// </summary>
    public static bool LooksLikeId(string text) =>
        text.Contains("--", StringComparison.Ordinal)
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
