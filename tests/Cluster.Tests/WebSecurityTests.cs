using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace VisionZero.Cluster.Tests;

/// <summary>Both dashboards refuse anonymous requests and open to the admin key, by header or by sign-in.</summary>
[Collection(ProcessCollection.Name)]
public partial class WebSecurityTests
{
    private const string Key = "test-admin-key-0123456789";

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/dashboard/")]
    public async Task A_dashboard_refuses_anonymous_and_wrong_keys_and_serves_the_admin_key(string path)
    {
        await using var silo = await SiloProcess.StartAsync(
            31130, 31020, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        using var http = Client(31130);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(path)).StatusCode);
        var browser = new HttpRequestMessage(HttpMethod.Get, path);
        browser.Headers.Accept.ParseAdd("text/html");
        var redirect = await http.SendAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/signin", redirect.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, path, "not-the-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, path, Key + "x")).StatusCode);
        var served = await Send(http, path, Key);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("<html", (await served.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Signing_in_with_the_key_sets_a_cookie_that_opens_the_dashboards_and_a_wrong_key_does_not()
    {
        await using var silo = await SiloProcess.StartAsync(
            31131, 31021, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        using var http = Client(31131);
        var (token, _) = await SignInFormAsync(http);
        var wrong = await PostAsync(http, token, "guess", "/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not the admin key", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/hangfire")).StatusCode);

        (token, _) = await SignInFormAsync(http);
        var right = await PostAsync(http, token, Key, "/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/hangfire", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_the_forms_token_or_to_another_site_is_refused()
    {
        await using var silo = await SiloProcess.StartAsync(
            31132, 31022, postgres: null, "silo up", "--sample", "false", "--VZ_ADMIN_KEY", Key);
        using var http = Client(31132);
        var forged = await http.PostAsync(
            "/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = Key }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (token, _) = await SignInFormAsync(http);
        var elsewhere = await PostAsync(http, token, Key, "//evil.example/steal");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/hangfire", elsewhere.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_a_configured_key_the_silo_generates_one_into_a_private_file_and_says_where()
    {
        await using var silo = await SiloProcess.StartAsync(
            31133, 31023, postgres: null, "HTTP on", "--sample", "false");
        var match = GeneratedKeyFile().Match(silo.Log);
        Assert.True(match.Success, silo.Log);
        var file = match.Groups["file"].Value;
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var key = (await File.ReadAllTextAsync(file)).Trim();
        Assert.True(key.Length >= 40);
        Assert.DoesNotContain(key, silo.Log);
        using var http = Client(31133);
        Assert.Equal(HttpStatusCode.OK, (await Send(http, "/hangfire", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static HttpClient Client(int siloPort) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{SiloProcess.HttpPort(siloPort)}"),
        };

    private static Task<HttpResponseMessage> Send(HttpClient http, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    private static async Task<(string Token, string Html)> SignInFormAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/signin?returnUrl=%2Fhangfire");
        var token = FormToken().Match(html);
        Assert.True(token.Success, html);
        return (WebUtility.HtmlDecode(token.Groups["token"].Value), html);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string key, string returnUrl) =>
        http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = key,
            ["returnUrl"] = returnUrl,
        }));

    [GeneratedRegex("the admin key was generated into (?<file>\\S+?)\\.?$", RegexOptions.Multiline)]
    private static partial Regex GeneratedKeyFile();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex FormToken();
}
