using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VisionZero.Grains.Models;
using VisionZero.Models;

namespace VisionZero.Silo.Webhooks;

/// <summary>
/// POSTs every registration, stage change and rollout verdict, signed, to each configured receiver
/// (<see cref="WebhookTarget"/>).
/// The registry only enqueues: a slow or dead receiver never holds a promotion up. Deliveries still queued when
/// the silo stops are not sent.
/// </summary>
public sealed class WebhookSender : BackgroundService, IModelEventPublisher
{
    private readonly HttpClient _http = new(
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly IReadOnlyList<WebhookTarget> _targets;

    public WebhookSender(WebhookSettings settings, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("vision-zero-grid-webhooks/1");
        _targets = [.. settings.Urls.Select(url => new WebhookTarget(url, settings.Secret, _http, clock, logger))];
        logger.LogInformation(
            "Webhooks: stage changes and rollout verdicts go to {Urls}", string.Join(", ", settings.Urls));
    }

    public void Publish(StageChange change) => Send(WebhookMessage.Of(change));

    public void Publish(RolloutStep step) => Send(WebhookMessage.Of(step));

    private void Send(WebhookMessage message)
    {
        foreach (var target in _targets)
            target.Enqueue(message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(_targets.Select(t => t.RunAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
