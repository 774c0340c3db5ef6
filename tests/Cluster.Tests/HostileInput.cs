using System.Text;

namespace VisionZero.Cluster.Tests;

/// <summary>Classes of hostile input, as raw request parts: route values, query values, bodies and headers.</summary>
internal static class HostileInput
{
    /// <summary>
    /// Route values as they go into the request line (already percent-encoded where that is the point).
    /// </summary>
    public static readonly string[] RouteValues =
    [
        "1", "%31", "01", "+1", "-1", "%2B1", "%20%31", "99999999999", "%FF%FE", "%ED%A0%80", "%C0%AF", "%00",
        "%01%0B%7F",
        "%0D%0A", "%E2%80%AE", "..%2F..", "%2F%2F", "%5C", "a%", "%ZZ", new string('a', 3000), "\u00ff\u00fe",
    ];

    /// <summary>Query values; each is given to every query name the API knows, at once.</summary>
    public static readonly string[] QueryValues =
    [
        "%FF%FE", "%ED%A0%80", "%00", "%01%0B%7F", "%0D%0A", "%", "%ZZ", "%E2%80%AE", "NaN", "1e309", "\u00ff",
        "a&stage=canary&k=1&k=2&lat=1&lat=2", new string('9', 7000),
    ];

    public static readonly string[] QueryNames =
        ["lat", "lon", "radiusM", "asOf", "k", "borough", "name", "stage", "why", "returnUrl", "x"];

    /// <summary>(content type or null for none, body bytes, what it is).</summary>
    public static IEnumerable<(string? ContentType, byte[] Body, string Class)> Bodies()
    {
        yield return (null, Utf8("x=1"), "no content type");
        yield return ("application/json", Utf8("{\"intersection_id\":"), "malformed JSON");
        yield return ("application/json", Utf8(new string('[', 5000)), "deep JSON");
        yield return (
            "application/json",
            Utf8("""{"intersection_id":"\ud800","accidents_6m":""" +
                """1,"accidents_1y":2,"accidents_5y":3,"key":"\udfff"}"""),
            "lone surrogate");
        yield return (
            "application/json",
            [
                .. Utf8("{\"intersection_id\":\""),
                0xFF, 0xFE, 0xC0, 0xAF,
                .. Utf8("\",\"accidents_6m\":1,\"accidents_1y\":2,\"accidents_5y\":3}"),
            ],
            "invalid UTF-8 JSON");
        yield return (
            "application/json",
            Utf8("{\"intersection_id\":\"a\\u0000b\\u001f\",\"accidents_6m\":1,\"accidents_1y\":2,\"accidents_5y\":1}"),
            "NUL in JSON");
        yield return ("application/json; charset=utf-7", Utf8("{}"), "odd charset");
        yield return ("text/plain", Utf8("hello"), "text/plain");
        yield return (
            "application/x-www-form-urlencoded",
            Utf8("key=%FF%FE&returnUrl=%00%0D%0A&__RequestVerificationToken=%ED%A0%80"),
            "invalid UTF-8 form");
        yield return (
            "application/x-www-form-urlencoded",
            Utf8(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1"))),
            "form flood");
        yield return ("application/x-www-form-urlencoded", [0xFF, 0x00, 0x3D, 0x25, 0x25], "binary form");
        yield return (
            "multipart/form-data; boundary=XyZ",
            Utf8("--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nabc"),
            "broken multipart");
        yield return ("multipart/form-data", Utf8("--XyZ\r\n\r\n"), "multipart without boundary");
        yield return (
            "multipart/form-data; boundary=" + new string('b', 200),
            Utf8("--b\r\n"),
            "multipart long boundary");
        yield return (";;;", Utf8("{}"), "garbage content type");
        yield return ("application/gzip", [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF], "broken gzip");
        yield return (
            "text/csv",
            [.. Utf8("COLLISION_ID,CRASH DATE\r\n1,"), 0xFF, 0x00, 0xED, 0xA0, 0x80],
            "binary CSV");
    }

    /// <summary>Header sets that stress the parser: huge, control characters, odd encodings.</summary>
    public static readonly string[][] Headers =
    [
        ["X-Huge: " + new string('h', 40_000)],
        ["Cookie: vz-admin=" + new string('c', 5000) + "; vz-antiforgery=%FF%00"],
        ["Accept: text/html", "Origin: null", "Referer: \u00ff\u00fe"],
        ["Authorization: Bearer \u00ff\u00fe"],
        ["Authorization: Basic %%%"],
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
