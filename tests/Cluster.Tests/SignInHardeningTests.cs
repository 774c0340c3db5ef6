using System.Net;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Issue 13's sign-in findings against a real silo: open redirects, key guessing, cross-site cookie POSTs.
/// </summary>
[Collection(ProcessCollection.Name)]
public class SignInHardeningTests
{
    private const string Key = "hardening-admin-key-0123456789";

    [Fact]
    public async Task A_return_url_with_tabs_control_characters_or_another_host_falls_back_to_hangfire_and_never_a_500()
    {
        await using var silo = await SiloProcess.StartAsync(
            27130, 27530, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        using var http = AdminWeb.Client(SiloProcess.HttpPort(27130));
        foreach (var hostile in new[]
                 {
                     "/\t/evil.example", "/%09/evil.example", "/\v/evil.example", "/\r\nSet-Cookie: x=1",
                     "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example",
                     "/..//evil.example", "https://evil.example/", "javascript:alert(1)", "/%252F/evil.example",
                 })
        {
            var (token, rendered) = await AdminWeb.SignInFormAsync(http, "?returnUrl=" + Uri.EscapeDataString(hostile));
            Assert.Equal("/hangfire", rendered);
            var answer = await AdminWeb.SignInAsync(http, token, Key, hostile);
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{hostile}: {(int)answer.StatusCode}");
            Assert.Equal("/hangfire", answer.Headers.Location!.OriginalString);
        }
        var (next, kept) = await AdminWeb.SignInFormAsync(
            http, "?returnUrl=" + Uri.EscapeDataString("/dashboard/?tab=grains"));
        Assert.Equal("/dashboard/?tab=grains", kept);
        Assert.Equal(
            "/dashboard/?tab=grains",
            (await AdminWeb.SignInAsync(http, next, Key, kept)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_thousand_wrong_keys_from_one_address_mostly_get_429_while_another_address_still_gets_in()
    {
        await using var silo = await SiloProcess.StartAsync(
            27131, 27531, postgres: null, "silo up", "--sample", "false",
            "--VZ_ADMIN_KEY", Key, "--Web:KeyFailureLimit", "10", "--Web:KeyFailureWindow", "00:05:00");
        var port = SiloProcess.HttpPort(27131);
        using var guesser = AdminWeb.Client(port);
        var (formToken, _) = await AdminWeb.SignInFormAsync(guesser);
        var codes = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 1_000; i++)
        {
            var answer = i % 2 == 0
                ? await guesser.SendAsync(AdminWeb.Bearer(HttpMethod.Get, "/hangfire", $"guess-{i:D6}-0123456789"))
                : await AdminWeb.SignInAsync(guesser, formToken, $"guess-{i:D6}-0123456789", "/hangfire");
            codes[answer.StatusCode] = codes.GetValueOrDefault(answer.StatusCode) + 1;
        }
        Assert.True(codes.GetValueOrDefault(HttpStatusCode.TooManyRequests) >= 985, string.Join(", ", codes));
        Assert.DoesNotContain(codes.Keys, c => (int)c >= 500);
        // Locked out: even the right key is refused from this address (a hit must look like a miss)...
        var locked = await guesser.SendAsync(AdminWeb.Bearer(HttpMethod.Get, "/hangfire", Key));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single()), 1, 300);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        // ...but another client's right key is not slowed, by header or by the form.
        using var other = AdminWeb.Client(port, from: "127.0.0.2");
        Assert.Equal(
            HttpStatusCode.OK,
            (await other.SendAsync(AdminWeb.Bearer(HttpMethod.Get, "/hangfire", Key))).StatusCode);
        var (token, _) = await AdminWeb.SignInFormAsync(other);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminWeb.SignInAsync(other, token, Key, "/hangfire")).StatusCode);
        // Reads without a key are not part of it.
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_post_from_another_origin_or_without_one_is_refused_403_and_same_origin_or_bearer_works()
    {
        await using var silo = await SiloProcess.StartAsync(
            27132, 27532, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        var port = SiloProcess.HttpPort(27132);
        var site = $"http://127.0.0.1:{port}";
        using var browser = AdminWeb.Client(port);
        var (token, _) = await AdminWeb.SignInFormAsync(browser);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await AdminWeb.SignInAsync(browser, token, Key, "/hangfire")).StatusCode);

        foreach (var (header, value, says) in new[]
                 {
                     ("Origin", "http://evil.example", "Origin"), ("Origin", "null", "Origin"),
                     ("Origin", $"https://127.0.0.1:{port}", "Origin"),
                     ("Referer", "http://evil.example/page", "Referer"),
                     ("X-None", "", "neither"),
                 })
        {
            var forged = new HttpRequestMessage(HttpMethod.Post, "/api/models/rollback");
            if (value.Length > 0)
                forged.Headers.TryAddWithoutValidation(header, value);
            var refused = await browser.SendAsync(forged);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.True(
                refused.StatusCode == HttpStatusCode.Forbidden,
                $"{header}: {value}: {(int)refused.StatusCode}");
            Assert.Contains(says, problem["reason"]!.GetValue<string>());
        }
        var crossSignOut = new HttpRequestMessage(HttpMethod.Post, "/signout");
        crossSignOut.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSignOut)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);

        // From this site's pages (Origin, or Referer without it) the POST reaches its endpoint: nothing to roll back.
        foreach (var (header, value) in new[] { ("Origin", site), ("Referer", site + "/hangfire") })
        {
            var own = new HttpRequestMessage(HttpMethod.Post, "/api/models/rollback");
            own.Headers.Add(header, value);
            Assert.Equal(HttpStatusCode.Conflict, (await browser.SendAsync(own)).StatusCode);
        }
        // The Bearer key is not a browser's ambient credential: no Origin needed.
        using var program = AdminWeb.Client(port);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await program.SendAsync(AdminWeb.Bearer(HttpMethod.Post, "/api/models/rollback", Key))).StatusCode);

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout");
        signOut.Headers.Add("Origin", site);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/hangfire")).StatusCode);
    }
}
