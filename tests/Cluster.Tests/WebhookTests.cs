using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Webhooks: every registration and stage change is POSTed as JSON to each configured URL, signed with
/// HMAC-SHA256 over the time and the body, retried when refused, and never waited for by the registry. A URL that
/// is not http(s), or a missing or short secret, stops the silo at start naming it.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class WebhookTests
{
    private const string Secret = "webhook-test-secret-0123456789";
    private const int ReceiverPort = 25170;

    [Fact]
    public async Task Stage_changes_are_posted_signed_retried_and_never_waited_for()
    {
        using var receiver = new WebhookReceiver(ReceiverPort);
        await using var silo = await SiloProcess.StartAsync(31170, 31070, postgres: null, "Grid ready",
            "--VZ_WEBHOOK_URLS", $"{receiver.Address}hook/, {receiver.Address}held/", "--VZ_WEBHOOK_SECRET", Secret);

        // The first run trains version 1 after "Grid ready" and puts it in production; the receiver refused the
        // first try. Training takes minutes on a loaded machine.
        var accepted = await AcceptedAsync(receiver, 2, silo, TimeSpan.FromMinutes(5));
        Assert.Equal(["model.registered", "model.stage_changed"], accepted.Select(r => r.Event));
        var production = JsonNode.Parse(accepted[1].Body)!;
        Assert.Equal(1, production["version"]!.GetValue<int>());
        Assert.Equal("Production", production["to"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(production["why"]!.GetValue<string>()));
        var refused = Assert.Single(receiver.Hook, r => r.Refused);
        Assert.Equal(accepted[0].Delivery, refused.Delivery);
        foreach (var request in receiver.Hook)
        {
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
            AssertSigned(request);
            Assert.Equal(request.Event, JsonNode.Parse(request.Body)!["event"]!.GetValue<string>());
        }

        // The held receiver has not answered its first delivery: promotions go on regardless.
        Assert.Single(receiver.Held);
        foreach (var stage in new[] { "staging", "production" })
        {
            var (code, _, error) = await Vz.RunAsync("promote", "1", "--to", stage, "--gateway", "127.0.0.1:31070");
            Assert.True(code == 0, $"vz promote 1 --to {stage}: {code} {error}");
        }
        var moves = (await AcceptedAsync(receiver, 4, silo, TimeSpan.FromMinutes(1)))
            .Skip(2).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["Production", "Staging"], moves.Select(m => m["from"]!.GetValue<string>()));
        Assert.Equal(["Staging", "Production"], moves.Select(m => m["to"]!.GetValue<string>()));
        Assert.Single(receiver.Held);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook", Secret, "'ftp://127.0.0.1/hook' is not an http(s) URL")]
    [InlineData("http://127.0.0.1:25171/ not-a-url", Secret, "'not-a-url' is not an http(s) URL")]
    [InlineData("http://127.0.0.1:25171/hook", "", "VZ_WEBHOOK_SECRET must be set")]
    [InlineData("http://127.0.0.1:25171/hook", "short", "VZ_WEBHOOK_SECRET must be set, at least 16 characters")]
    public async Task Bad_webhook_settings_stop_the_silo_naming_them(string urls, string secret, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            31171, 31071, postgres: null, "silo up", "--sample", "false",
            "--VZ_WEBHOOK_URLS", urls, "--VZ_WEBHOOK_SECRET", secret));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    private static async Task<List<WebhookReceiver.Received>> AcceptedAsync(
        WebhookReceiver receiver, int count, SiloProcess silo, TimeSpan patience)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            var accepted = receiver.Hook.Where(r => !r.Refused).ToList();
            if (accepted.Count >= count)
                return accepted;
            await Task.Delay(100);
        }
        Assert.Fail($"the receiver got {receiver.Hook.Count(r => !r.Refused)} webhooks in {patience}, not {count} " +
            $"({receiver.Hook.Count} requests to /hook/, {receiver.Held.Count} to /held/); silo:\n{silo.Log}");
        return [];
    }

    /// <summary>Checks the signature by its definition, not with the silo's code.</summary>
    private static void AssertSigned(WebhookReceiver.Received request)
    {
        var parts = request.Signature!.Split(',');
        Assert.StartsWith("t=", parts[0]);
        Assert.StartsWith("v1=", parts[1]);
        var time = long.Parse(parts[0][2..]);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(time, now - 300, now);
        byte[] signed = [.. Encoding.ASCII.GetBytes($"{time}."), .. request.Body];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        Assert.Equal(expected, parts[1][3..]);
    }
}
