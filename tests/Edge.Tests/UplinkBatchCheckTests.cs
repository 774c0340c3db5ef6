using VisionZero.Grains.Uplink;
using VisionZero.Risk;
using VisionZero.Uplink;

namespace VisionZero.Edge.Tests;

/// <summary>
/// A batch the grid cannot take is refused whole with a message naming the entry, its number and the field:
/// gaps, duplicates, disorder, values no edge logs; and a device id that is not one is named without being echoed.
/// </summary>
[Trait("Category", "Fast")]
public sealed class UplinkBatchCheckTests
{
    [Fact]
    public void A_batch_of_consecutive_valid_entries_passes() =>
        Assert.Null(UplinkBatchCheck.Problem(UplinkSamples.Batch(1, 500)));

    [Theory]
    [InlineData(new long[] { 1, 2, 2, 3 }, "sequence number 2 appears twice (entries 2 and 3)")]
    [InlineData(new long[] { 1, 2, 4 }, "sequence gap inside the batch: 4 (entry 3) follows 2")]
    [InlineData(new long[] { 3, 2 }, "sequence number 2 (entry 2) comes after 3")]
    [InlineData(new long[] { 0, 1 }, "sequence number 0 (entry 1) is not one")]
    public void Duplicates_gaps_and_disorder_are_named(long[] seqs, string expected)
    {
        var batch = new UplinkBatch(0, [.. seqs.Select(UplinkSamples.Entry)]);
        Assert.Contains(expected, UplinkBatchCheck.Problem(batch));
    }

    public static TheoryData<string, UplinkEntry, string> BadValues() => new()
    {
        { "NaN latitude", UplinkSamples.Entry(2) with { Latitude = double.NaN }, "latitude NaN is not a latitude" },
        { "infinite longitude", UplinkSamples.Entry(2) with { Longitude = double.PositiveInfinity },
            "longitude Infinity is not a longitude" },
        { "latitude off the globe", UplinkSamples.Entry(2) with { Latitude = 91 }, "latitude 91 is not" },
        { "negative speed", UplinkSamples.Entry(2) with { SpeedMetersPerSecond = -1 }, "speed -1 is not a speed" },
        { "NaN course", UplinkSamples.Entry(2) with { CourseDegrees = double.NaN }, "course NaN is not a heading" },
        { "unknown class", UplinkSamples.Entry(2) with { HighestClass = (RiskClass)7 }, "highest class 7 is not" },
        { "NaN expected crashes", UplinkSamples.Entry(2) with { ExpectedCrashes = double.NaN },
            "expected crashes NaN is not a count" },
        { "model version 0", UplinkSamples.Entry(2) with { ModelVersion = 0 }, "model version 0 is not a version" },
        { "no time", UplinkSamples.Entry(2) with { Time = default }, "is not a GPS fix's time" },
        { "control character in the corner id", UplinkSamples.Entry(2) with { NearestCornerId = "a\u0000b" },
            "holds a control character at position 2" },
        { "huge corner id", UplinkSamples.Entry(2) with { NearestCornerId = new string('c', 10_000) },
            "is 10000 characters long" },
        { "NaN nearest score", Scored(double.NaN, RiskClass.Average), "the nearest corner's score NaN is not a count" },
        { "negative nearest score", Scored(-0.5, RiskClass.Safe), "the nearest corner's score -0.5 is not a count" },
        { "unknown nearest class", Scored(1, (RiskClass)9), "the nearest corner's class 9 is not one of the five" },
        { "a score without its class", UplinkSamples.Entry(2) with { NearestScore = 1 },
            "score and class come together or not at all" },
        { "a score without its corner", Scored(1, RiskClass.Average) with { NearestCornerId = null },
            "sent without the corner's id" },
    };

    private static UplinkEntry Scored(double score, RiskClass riskClass) => UplinkSamples.Entry(2) with
    {
        NearestCornerId = "avenue-u--flatbush-avenue", NearestScore = score, NearestClass = riskClass,
    };

    [Theory, MemberData(nameof(BadValues))]
    public void A_value_no_edge_logs_is_named_with_its_entry_and_number(string what, UplinkEntry bad, string expected)
    {
        var batch = new UplinkBatch(0, [UplinkSamples.Entry(1), bad, UplinkSamples.Entry(3)]);

        var problem = UplinkBatchCheck.Problem(batch);

        Assert.True(problem is not null, what);
        Assert.StartsWith("entry 2 (sequence 2): ", problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void More_than_5000_entries_at_once_are_refused() =>
        Assert.Contains("at most 5000", UplinkBatchCheck.Problem(UplinkSamples.Batch(1, 5001)));

    [Fact]
    public void A_batch_that_says_it_dropped_what_it_sends_is_refused() =>
        Assert.Contains("dropped", UplinkBatchCheck.Problem(UplinkSamples.Batch(5, 6, droppedThrough: 5)));

    [Fact]
    public void A_batch_starting_after_a_gap_is_refused_saying_where_to_send_from()
    {
        var refusal = Assert.Throws<ArgumentException>(() =>
            UplinkSequence.Apply("edge-1", confirmed: 10, UplinkSamples.Batch(12, 13)));

        Assert.Equal("device edge-1: batch refused: sequence gap: the batch starts at 12, but the grid holds this " +
            "device's log complete only through 10; send from 11", refusal.Message);
    }

    [Fact]
    public void A_retried_batch_is_new_only_past_what_is_confirmed()
    {
        var step = UplinkSequence.Apply("edge-1", confirmed: 10, UplinkSamples.Batch(6, 15));
        Assert.Equal(new UplinkSequence.Step(Confirmed: 15, Dropped: 0, FreshFrom: 5), step);
        var again = UplinkSequence.Apply("edge-1", confirmed: 15, UplinkSamples.Batch(6, 15));
        Assert.Equal(new UplinkSequence.Step(15, 0, 10), again);
    }

    [Fact]
    public void Numbers_the_device_dropped_close_the_gap_and_are_counted()
    {
        var step = UplinkSequence.Apply("edge-1", confirmed: 10, UplinkSamples.Batch(31, 40, droppedThrough: 30));
        Assert.Equal(new UplinkSequence.Step(40, Dropped: 20, FreshFrom: 0), step);
    }

    public static TheoryData<string, string> HostileIds() => new()
    {
        { "", "this one is empty" },
        { new string('x', 10_240), "this one is 10240 characters long" },
        { "edge\u0007bell", "holds U+0007 at position 5" },
        { "x'); DROP TABLE vz_edge_log; --", "holds ''' at position 2" },
        { "tab\tid", "holds U+0009 at position 4" },
        { "caf\u00e9", "holds U+00E9 at position 4" },
    };

    [Theory, MemberData(nameof(HostileIds))]
    public void A_hostile_device_id_is_named_without_being_echoed(string id, string expected)
    {
        var problem = EdgeDeviceIds.Problem(id);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.True(problem.Length < 200, problem);
        Assert.DoesNotContain(problem, char.IsControl);
    }

    [Theory]
    [InlineData("edge-0123456789ab")]
    [InlineData("truck_7.north")]
    public void A_device_id_of_letters_digits_dots_underscores_and_hyphens_is_one(string id) =>
        Assert.Null(EdgeDeviceIds.Problem(id));
}
