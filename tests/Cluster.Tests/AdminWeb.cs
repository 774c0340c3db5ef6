using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// HTTP clients for the admin side: by Bearer key, by sign-in cookie, from a chosen loopback address.
/// </summary>
internal static partial class AdminWeb
{
    /// <summary>
    /// A client with its own cookie jar; <paramref name="from"/> picks the loopback address it connects from.
    /// </summary>
    public static HttpClient Client(int httpPort, string from = "127.0.0.1")
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                // Linux routes all of 127/8 to loopback: a second address is a second client to the silo.
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    /// <summary>GETs the sign-in page and returns its antiforgery token and the returnUrl the form will send.</summary>
    public static async Task<(string Token, string ReturnUrl)> SignInFormAsync(HttpClient http, string query = "")
    {
        var html = await http.GetStringAsync("/signin" + query);
        var token = FormToken().Match(html);
        var returnUrl = ReturnUrlField().Match(html);
        Assert.True(token.Success && returnUrl.Success, html);
        return (WebUtility.HtmlDecode(token.Groups["v"].Value), WebUtility.HtmlDecode(returnUrl.Groups["v"].Value));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient http, string token, string key, string returnUrl) =>
        http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = key,
            ["returnUrl"] = returnUrl,
        }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<v>[^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<v>[^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
