using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VisionZero.Cluster.Tests;

/// <summary>
/// Issue 13's hostile inputs each get a 400 problem naming what is wrong, not a 500 or a wrong success.
/// </summary>
[Collection(InProcessSiloCollection.Name)]
public class HostileInputAnswerTests
{
    private readonly HttpClient _http = AdminWeb.Client(InProcessSilo.HttpPort);

    [Theory]
    [InlineData(
        """{"intersection_id":"\ud800","accidents_6m":1,"accidents_1y":2,"accidents_5y":3}""",
        "intersection_id")]
    [InlineData(
        """{"intersection_id":"a\udc00b","accidents_6m":1,"accidents_1y":2,"accidents_5y":3}""",
        "intersection_id")]
    [InlineData(
        """{"intersection_id":"BYTES","accidents_6m":1,"accidents_1y":2,"accidents_5y":3}""",
        "body")]
    public async Task Predict_answers_400_naming_the_field_for_lone_surrogates_and_invalid_utf8(
        string json,
        string field)
    {
        // BYTES goes out as FF FE C0 AF: not UTF-8. The escapes \ud800 and \udc00 are valid JSON but not Unicode.
        var bytes = Encoding.Latin1.GetBytes(json.Replace("BYTES", "\u00ff\u00fe\u00c0\u00af"));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblemAsync(await _http.PostAsync("/api/predict", content), field);
    }

    public static TheoryData<string?, string> UnreadableForms => new()
    {
        { null, "x" },
        { "application/json", """{"key":"k"}""" },
        { "text/plain", "key=k" },
        { "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nabc" },
        { "multipart/form-data", "--XyZ\r\n\r\n" },
        { "application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 1_025).Select(i => $"f{i}=1")) },
    };

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task A_sign_in_that_is_not_a_readable_form_gets_a_400_problem_saying_why(
        string? contentType,
        string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await AssertProblemAsync(await _http.PostAsync("/signin", content), "body");
    }

    [Theory]
    [InlineData("/api/models/1/promote?stage=staging,canary", "stage")]
    [InlineData("/api/models/1/promote?stage=production&stage=canary", "stage")]
    [InlineData("/api/models/1/promote?stage=3", "stage")]
    [InlineData("/api/models/1/promote?stage=Production,Archived", "stage")]
    [InlineData("/api/models/%31/promote?stage=production", "path")]
    [InlineData("/api/models/01/promote?stage=production", "version")]
    [InlineData("/api/models/+1/promote?stage=production", "version")]
    [InlineData("/api/models/%2B1/promote?stage=production", "path")]
    [InlineData("/api/models/%31", "path")]
    [InlineData("/api/models/007", "version")]
    [InlineData("/api/models/jobs/%31", "path")]
    [InlineData("/api/models/jobs/a.b", "id")]
    [InlineData("/api/jobs/%31", "path")]
    [InlineData("/api/jobs/a.b", "id")]
    [InlineData("/api/jobs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "id")]
    [InlineData("/api/intersections/%61venue-u--flatbush-avenue", "path")]
    public async Task Promote_takes_one_known_stage_and_route_values_are_taken_only_as_written(
        string target,
        string field)
    {
        // Raw bytes on the wire: HttpClient's Uri would turn %31 into 1 before sending.
        var (status, text) = await RawHttp.ExchangeAsync(
            InProcessSilo.HttpPort,
            target.Contains("/promote") ? "POST" : "GET",
            target,
            [$"Authorization: Bearer {InProcessSilo.Key}"],
            target.Contains("/promote") ? [] : null);
        Assert.True(status == 400, text);
        Assert.Contains("application/problem+json", text);
        Assert.Contains($"\"errors\":{{\"{field}\"", text);
    }

    [Theory]
    [InlineData("/api/models/1/promote?stage=production")]
    [InlineData("/api/models/1/promote?stage=CANARY")]
    [InlineData("/api/models/1")]
    public async Task A_plain_version_and_one_stage_name_in_any_case_reach_the_registry(string target)
    {
        var method = target.Contains("/promote") ? HttpMethod.Post : HttpMethod.Get;
        var answer = await _http.SendAsync(AdminWeb.Bearer(method, target, InProcessSilo.Key));
        // No versions in this silo: the registry itself answers that version 1 does not exist.
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("No such model version", await answer.Content.ReadAsStringAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage answer, string field)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} {text}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), text);
    }
}
