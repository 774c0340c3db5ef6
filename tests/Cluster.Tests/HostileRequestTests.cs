using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Xunit.Abstractions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Every route the silo maps (read from its EndpointDataSource, so a new route is covered without editing
/// this test) gets classes of hostile input: invalid UTF-8, lone surrogates, NUL and control characters in
/// route values, queries and bodies, wrong or odd content types, malformed JSON, broken multipart, field
/// floods and huge headers; anonymous, with the admin key and with a wrong one. No answer may be a 5xx.
/// </summary>
[Collection(InProcessSiloCollection.Name)]
public class HostileRequestTests(InProcessSilo silo, ITestOutputHelper output)
{
    private static readonly string[] UnsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task Hostile_requests_to_every_route_with_and_without_the_admin_key_never_get_a_5xx()
    {
        var routes = silo.Routes;
        Assert.Contains(routes, r => r.RoutePattern.RawText == "/api/predict");
        Assert.Contains(routes, r => r.RoutePattern.RawText == "/signin");
        var sent = 0;
        var byClass = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var routesCovered = new HashSet<string>();
        // Wrong keys come from their own address: its lockout (429) must not hide the key holder's answers.
        (string Name, string[] Headers, string From)[] callers =
            [("anonymous", [], "127.0.0.1"), ("admin key", [$"Authorization: Bearer {InProcessSilo.Key}"], "127.0.0.1"),
             ("wrong key", ["Authorization: Bearer wrong-key-0123456789abcdef"], "127.0.0.3")];
        foreach (var route in routes)
        {
            var pattern = route.RoutePattern;
            routesCovered.Add(pattern.RawText ?? "?");
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : ["GET", "POST"];
            foreach (var method in methods)
            foreach (var caller in callers)
            {
                async Task SendAsync(string target, string what, IEnumerable<string> headers, byte[]? body = null)
                {
                    var status = await RawHttp.SendAsync(
                        InProcessSilo.HttpPort, method, target, [.. caller.Headers, .. headers], body, caller.From);
                    sent++;
                    byClass[status / 100] = byClass.GetValueOrDefault(status / 100) + 1;
                    if (status >= 500)
                        failures.Add($"{status} {method} {Cut(target)} ({what}, {caller.Name})");
                }

                foreach (var (path, what) in Paths(pattern))
                    await SendAsync(path, what, []);
                var plain = Fill(pattern, _ => "1");
                foreach (var value in HostileInput.QueryValues)
                    await SendAsync(plain + "?" + string.Join('&', HostileInput.QueryNames.Select(n => $"{n}={value}")),
                        "query " + Cut(value), []);
                foreach (var headers in HostileInput.Headers)
                    await SendAsync(plain, "headers " + Cut(headers[0]), headers);
                if (!UnsafeMethods.Contains(method))
                    continue;
                foreach (var (contentType, body, what) in HostileInput.Bodies())
                    await SendAsync(
                        plain + "?name=x", what, contentType is null ? [] : [$"Content-Type: {contentType}"], body);
            }
        }
        output.WriteLine($"routes: {routesCovered.Count} ({string.Join(", ", routesCovered.Order())})");
        output.WriteLine(
            $"requests sent: {sent}; " +
            $"by status class: {string.Join(", ", byClass.Select(c => $"{c.Key}xx={c.Value}"))}");
        output.WriteLine($"5xx answers: {failures.Count}");
        foreach (var failure in failures.Take(50))
            output.WriteLine("  " + failure);
        Assert.True(sent > 1_000, $"only {sent} requests");
        Assert.Equal(0, byClass.GetValueOrDefault(0));
        Assert.Empty(failures);
        Assert.Equal(200, await RawHttp.SendAsync(InProcessSilo.HttpPort, "GET", "/health/live", []));
    }

    /// <summary>The route's path with each parameter in turn given each hostile value (the others plain).</summary>
    private static IEnumerable<(string Path, string What)> Paths(RoutePattern pattern)
    {
        if (pattern.Parameters.Count == 0)
        {
            yield return (Fill(pattern, _ => "1"), "plain path");
            yield break;
        }
        foreach (var parameter in pattern.Parameters)
        foreach (var value in HostileInput.RouteValues)
            yield return (Fill(pattern, p => p == parameter.Name ? value : "1"), $"{parameter.Name}={Cut(value)}");
    }

    private static string Fill(RoutePattern pattern, Func<string, string> value)
    {
        var path = string.Concat(pattern.PathSegments.Select(segment =>
            "/" + string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => value(parameter.Name),
                _ => "",
            }))));
        return path.Length == 0 ? "/" : path;
    }

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
