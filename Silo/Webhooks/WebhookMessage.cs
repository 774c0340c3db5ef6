using System.Text.Json;
using System.Text.Json.Serialization;
using VisionZero.Models;

namespace VisionZero.Silo.Webhooks;

/// <summary>
/// One webhook's body, serialized once for every receiver: the event, a delivery id (the same on every retry, so a
/// receiver can drop repeats) and the stage change or the rollout verdict.
/// </summary>
public sealed record WebhookMessage(string Event, string DeliveryId, byte[] Body)
{
    public const string Registered = "model.registered";
    public const string StageChanged = "model.stage_changed";
    public const string RolloutVerdict = "model.rollout_verdict";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static WebhookMessage Of(StageChange change)
    {
        var kind = change.From is null ? Registered : StageChanged;
        var id = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = kind,
            deliveryId = id,
            version = change.Version,
            from = change.From,
            to = change.To,
            by = change.By,
            why = change.Why,
            at = change.At,
        }, Json);
        return new WebhookMessage(kind, id, body);
    }

    public static WebhookMessage Of(RolloutStep step)
    {
        var id = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = RolloutVerdict,
            deliveryId = id,
            version = step.Version,
            step = step.Step,
            verdict = step.Verdict,
            why = step.Why,
            by = step.By,
            at = step.At,
            settings = step.Settings,
            figures = step.Figures,
        }, Json);
        return new WebhookMessage(RolloutVerdict, id, body);
    }
}
