using Microsoft.Extensions.Configuration;
using VisionZero.Grains.Rollout;

namespace VisionZero.Risk.Tests;

/// <summary>
/// The offline gate's thresholds from configuration: defaults, and every bad value refused naming its key.
/// </summary>
[Trait("Category", "Fast")]
public class GateSettingsTests
{
    private static GateSettings Read(params (string Key, string Value)[] pairs) =>
        GateSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(
                pairs.Select(p => new KeyValuePair<string, string?>("Rollout:Gate:" + p.Key, p.Value)))
            .Build());

    [Fact]
    public void Without_configuration_the_defaults_hold_and_are_stored_with_a_verdict()
    {
        var settings = Read();

        Assert.Equal(new GateSettings(200, 0, 0.25, GateFollowUp.Tune, AfterTraining: true), settings);
        Assert.Equal(
            ["calibrationBand=0.25", "onFail=tune", "replicates=200", "tolerance=0"],
            settings.ToDictionary().OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
    }

    [Fact]
    public void Every_key_is_read_in_the_invariant_culture_and_any_case_of_a_choice()
    {
        var settings = Read(("Replicates", " 1000 "), ("Tolerance", "0.005"), ("CalibrationBand", "0.4"),
            ("OnFail", "RETRAIN"), ("AfterTraining", "false"));

        Assert.Equal(new GateSettings(1000, 0.005, 0.4, GateFollowUp.Retrain, AfterTraining: false), settings);
    }

    [Theory]
    [InlineData("Replicates", "19", "from 20 to 10000")]
    [InlineData("Replicates", "10001", "from 20 to 10000")]
    [InlineData("Replicates", "-200", "from 20 to 10000")]
    [InlineData("Replicates", "2e10", "from 20 to 10000")]
    [InlineData("Replicates", "many", "is not a number")]
    [InlineData("Replicates", "", "is not a number")]
    [InlineData("Tolerance", "-0.01", "from 0 to 0.5")]
    [InlineData("Tolerance", "0.51", "from 0 to 0.5")]
    [InlineData("Tolerance", "NaN", "from 0 to 0.5")]
    [InlineData("Tolerance", "Infinity", "from 0 to 0.5")]
    [InlineData("Tolerance", "0,1", "is not a number")]
    [InlineData("CalibrationBand", "0", "from 0.01 to 1")]
    [InlineData("CalibrationBand", "1.5", "from 0.01 to 1")]
    [InlineData("OnFail", "reboot", "not one of none, retrain, tune")]
    [InlineData("OnFail", "1", "not one of none, retrain, tune")]
    [InlineData("AfterTraining", "yes", "neither true nor false")]
    public void A_value_out_of_range_or_of_the_wrong_type_is_refused_naming_its_key(
        string key, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Read((key, value)));

        Assert.StartsWith($"Rollout:Gate:{key}", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_hostile_value_is_shown_cut_and_without_control_characters()
    {
        var hostile = "\u001b]0;owned\u0007" + new string('x', 500);
        var error = Assert.Throws<ArgumentException>(() => Read(("OnFail", hostile)));

        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.True(error.Message.Length < 200, error.Message);
    }
}
