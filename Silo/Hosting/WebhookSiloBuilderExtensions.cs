using Microsoft.Extensions.DependencyInjection;
using VisionZero.Grains.Models;
using VisionZero.Silo.Webhooks;

namespace VisionZero.Silo.Hosting;

/// <summary>Webhooks for stage changes when VZ_WEBHOOK_URLS is set (refused at start if malformed).</summary>
public static class WebhookSiloBuilderExtensions
{
    public static ISiloBuilder AddWebhooks(this ISiloBuilder silo)
    {
        if (WebhookSettings.From(silo.Configuration) is not { } settings)
        {
            silo.Services.AddSingleton<IModelEventPublisher, NoModelEventPublisher>();
            return silo;
        }
        silo.Services.AddSingleton(settings);
        silo.Services.AddSingleton<WebhookSender>();
        silo.Services.AddSingleton<IModelEventPublisher>(sp => sp.GetRequiredService<WebhookSender>());
        silo.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        return silo;
    }
}
