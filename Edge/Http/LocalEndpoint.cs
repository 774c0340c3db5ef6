using System.Globalization;
using System.Net;
using System.Text;
using VisionZero.Edge.Answer;

namespace VisionZero.Edge.Http;

/// <summary>
/// The device's own HTTP endpoint, on loopback only, for apps on the same device: GET /risk?lat=&amp;lon=
/// [&amp;course=] and GET /status. HttpListener from the base library: no web framework on a Pi.
/// </summary>
public sealed class LocalEndpoint(int port, Func<double, double, double?, AreaRisk> risk, Func<EdgeStatus> status)
    : IDisposable
{
    private readonly HttpListener _listener = new();

    public Uri Address => new($"http://127.0.0.1:{port}/");

    public void Start()
    {
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(_listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            _ = Task.Run(() => Serve(context), CancellationToken.None);
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (code, body) = Route(context.Request);
            Write(response, code, body);
        }
        catch (Exception e)
        {
            Write(response, 500, Problem(500, $"the edge could not answer: {e.Message}"));
        }
    }

    private (int, string) Route(HttpListenerRequest request)
    {
        if (request.HttpMethod != "GET")
            return (405, Problem(405, $"{request.HttpMethod} is not served here; use GET"));
        var path = request.Url?.AbsolutePath ?? "/";
        switch (path)
        {
            case "/status":
                return (200, EdgeJson.Serialize(status()));
            case "/risk":
                var query = request.QueryString;
                if (!TryCoordinate(query["lat"], -90, 90, out var lat))
                    return (400, Problem(400, "lat must be a latitude in decimal degrees (-90 to 90)"));
                if (!TryCoordinate(query["lon"], -180, 180, out var lon))
                    return (400, Problem(400, "lon must be a longitude in decimal degrees (-180 to 180)"));
                double? course = null;
                if (query["course"] is { } text)
                {
                    if (!TryCoordinate(text, 0, 360, out var c))
                        return (400, Problem(400, "course must be a heading in degrees (0 to 360)"));
                    course = c;
                }
                return (200, EdgeJson.Serialize(risk(lat, lon, course)));
            default:
                return (404, Problem(404, $"no such resource '{Truncate(path)}'; try /risk?lat=&lon= or /status"));
        }
    }

    private static bool TryCoordinate(string? text, double min, double max, out double value)
    {
        value = double.NaN;
        // .NET's parser forgives trailing NULs; a coordinate with control characters is not one.
        if (text is null || text.AsSpan().ContainsAnyInRange('\0', '\x1f'))
            return false;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value) && value >= min && value <= max;
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static string Problem(int status, string detail) =>
        EdgeJson.Serialize(new { status, title = ((HttpStatusCode)status).ToString(), detail });

    private static void Write(HttpListenerResponse response, int code, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = code;
        response.ContentType = code == 200 ? "application/json" : "application/problem+json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();
}
