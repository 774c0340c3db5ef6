using System.Collections.Frozen;
using System.Text;

namespace VisionZero.CrashData;

/// <summary>
/// Cleans and canonicalises NYPD street names so that "E 125 ST", "east 125th street" and
/// "  EAST 125 STREET  " are one street. The rules are documented in docs/intersections.md.
/// </summary>
public static class StreetName
{
    /// <summary>Longer names are data errors, not streets (the longest real NYC names are ~40 characters).</summary>
    public const int MaxLength = 96;

    private static readonly FrozenDictionary<string, string> Suffixes = new Dictionary<string, string>
    {
        ["AVE"] = "AVENUE", ["AV"] = "AVENUE", ["AVEN"] = "AVENUE", ["AVN"] = "AVENUE",
        ["ST"] = "STREET", ["STR"] = "STREET",
        ["BLVD"] = "BOULEVARD", ["BLV"] = "BOULEVARD",
        ["PKWY"] = "PARKWAY", ["PKY"] = "PARKWAY", ["PWKY"] = "PARKWAY",
        ["RD"] = "ROAD", ["PL"] = "PLACE", ["DR"] = "DRIVE", ["LN"] = "LANE", ["CT"] = "COURT",
        ["TER"] = "TERRACE", ["TERR"] = "TERRACE", ["SQ"] = "SQUARE", ["CIR"] = "CIRCLE",
        ["HWY"] = "HIGHWAY", ["EXPY"] = "EXPRESSWAY", ["EXPWY"] = "EXPRESSWAY", ["EXWY"] = "EXPRESSWAY",
        ["TPKE"] = "TURNPIKE", ["BRG"] = "BRIDGE", ["PLZ"] = "PLAZA", ["HTS"] = "HEIGHTS",
        ["CRES"] = "CRESCENT", ["ALY"] = "ALLEY", ["EXT"] = "EXTENSION", ["SLIP"] = "SLIP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Directions = new Dictionary<string, string>
    {
        ["E"] = "EAST", ["W"] = "WEST", ["N"] = "NORTH", ["S"] = "SOUTH",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Trims, drops control and replacement characters, collapses inner white space and upper-cases.
    /// Returns null for a blank name. Does not expand abbreviations (that is <see cref="Canonical"/>).
    /// </summary>
    public static string? Clean(string? raw) =>
        raw is null ? null : IsClean(raw) ? raw : Clean(raw.AsSpan());

    /// <summary>Already trimmed, single-spaced, upper-case and printable: the common case needs no copy.</summary>
    private static bool IsClean(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var plain = char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || (c == ' ' && text[i - 1] != ' ') ||
                        c is '-' or '/' or '\'' or '&' or '(' or ')' or '.' or ',';
            if (!plain)
                return false;
        }
        return true;
    }

    public static string? Clean(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            // Real exports carry stray DEL and U+FFFD bytes; hostile ones carry bidi overrides. None is part of a name.
            if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) ||
                char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                continue;
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>The canonical form of a cleaned or raw name: abbreviations expanded, ordinals dropped.</summary>
    public static string? Canonical(string? raw)
    {
        var cleaned = Clean(raw);
        if (cleaned is null)
            return null;
        var tokens = cleaned.Replace('.', ' ').Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            return null;
        for (var i = 0; i < tokens.Length; i++)
            tokens[i] = CanonicalToken(tokens[i], i, tokens.Length);
        return string.Join(' ', tokens);
    }

    private static string CanonicalToken(string token, int index, int count)
    {
        // A leading ST before a name is SAINT (ST MARKS PLACE, ST NICHOLAS AVENUE).
        if (index == 0 && count > 1 && token == "ST")
            return "SAINT";
        // A leading single letter is a direction (E 125 ST); a trailing one is a name (AVENUE S).
        if (index == 0 && count > 1 && Directions.TryGetValue(token, out var direction))
            return direction;
        if (index > 0 && Suffixes.TryGetValue(token, out var suffix))
            return suffix;
        return StripOrdinal(token);
    }

    /// <summary>NYPD writes "125 STREET"; other sources write "125TH STREET". Keep the number only.</summary>
    private static string StripOrdinal(string token)
    {
        if (token.Length < 3 || !char.IsAsciiDigit(token[0]))
            return token;
        var suffix = token.AsSpan(token.Length - 2);
        var digits = token.AsSpan(0, token.Length - 2);
        var isOrdinal = suffix is "ST" or "ND" or "RD" or "TH";
        foreach (var c in digits)
            isOrdinal &= char.IsAsciiDigit(c);
        return isOrdinal ? digits.ToString() : token;
    }
}
