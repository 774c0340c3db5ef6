using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace VisionZero.Silo.Webhooks;

/// <summary>
/// One receiver's queue: deliveries in order, each tried until it gets a 2xx, after 1, 2, 4 ... 32 s (seven tries),
/// then given up with a warning. A receiver that is down delays only its own queue; a full queue drops its oldest.
/// </summary>
internal sealed class WebhookTarget(Uri url, byte[] secret, HttpClient http, TimeProvider clock, ILogger logger)
{
    public const int Capacity = 1_000;
    public const int Attempts = 7;
    private static readonly Meter Meter = new(Grains.GridMetrics.MeterName);
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "vz.webhook.deliveries", "{delivery}", "Webhook deliveries, by outcome (delivered, failed, dropped)");

    private readonly Channel<WebhookMessage> _queue = Channel.CreateBounded<WebhookMessage>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        _ => Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", "dropped")));

    public Uri Url => url;

    public void Enqueue(WebhookMessage message) => _queue.Writer.TryWrite(message);

    public async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stopping))
        {
            var delivered = await DeliverAsync(message, stopping);
            Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));
        }
    }

    private async Task<bool> DeliverAsync(WebhookMessage message, CancellationToken stopping)
    {
        var wait = TimeSpan.FromSeconds(1);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            string failure;
            try
            {
                using var request = Request(message);
                using var response = await http.SendAsync(request, stopping);
                if (response.IsSuccessStatusCode)
                    return true;
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException
                                          && !stopping.IsCancellationRequested)
            {
                failure = e.Message;
            }
            if (attempt == Attempts)
            {
                logger.LogWarning("Webhook {Event} {Delivery} to {Url} given up after {Attempts} tries: {Failure}",
                    message.Event, message.DeliveryId, url, Attempts, failure);
                return false;
            }
            logger.LogInformation("Webhook {Event} to {Url} failed ({Failure}); next try in {Wait}",
                message.Event, url, failure, wait);
            await Task.Delay(wait, clock, stopping);
            wait *= 2;
        }
        return false;
    }

    private HttpRequestMessage Request(WebhookMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(message.Body)
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        // Signed at each try: the time in the signature is when it was sent.
        request.Headers.Add(WebhookSignature.Header,
            WebhookSignature.Sign(secret, clock.GetUtcNow().ToUnixTimeSeconds(), message.Body));
        request.Headers.Add("X-VZ-Event", message.Event);
        request.Headers.Add("X-VZ-Delivery", message.DeliveryId);
        return request;
    }
}
