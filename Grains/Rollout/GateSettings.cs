using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VisionZero.Grains.Rollout;

/// <summary>What a failed offline gate queues next.</summary>
public enum GateFollowUp
{
    None,
    Retrain,
    Tune,
}

/// <summary>
/// The offline gate's thresholds (configuration section <c>Rollout:Gate</c>), stored with every verdict so a
/// verdict can be read against the rules it was judged by. A value out of range stops the silo naming its key.
/// </summary>
public sealed record GateSettings(
    int Replicates = 200,
    double Tolerance = 0,
    double CalibrationBand = 0.25,
    GateFollowUp OnFail = GateFollowUp.Tune,
    bool AfterTraining = true)
{
    public const string Section = "Rollout:Gate";

    /// <exception cref="ArgumentException">A key holds no value of its type, or one out of its range.</exception>
    public static GateSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new GateSettings();
        return new GateSettings(
            Number(section, nameof(Replicates), defaults.Replicates, 20, 10_000, int.Parse),
            Number(section, nameof(Tolerance), defaults.Tolerance, 0, 0.5, double.Parse),
            Number(section, nameof(CalibrationBand), defaults.CalibrationBand, 0.01, 1, double.Parse),
            Choice(section, nameof(OnFail), defaults.OnFail),
            Choice(section, nameof(AfterTraining), defaults.AfterTraining));
    }

    /// <summary>The thresholds as stored with a verdict.</summary>
    public ImmutableDictionary<string, string> ToDictionary() => ImmutableDictionary<string, string>.Empty
        .Add("replicates", Replicates.ToString(CultureInfo.InvariantCulture))
        .Add("tolerance", Tolerance.ToString("R", CultureInfo.InvariantCulture))
        .Add("calibrationBand", CalibrationBand.ToString("R", CultureInfo.InvariantCulture))
        .Add("onFail", OnFail.ToString().ToLowerInvariant());

    private static T Number<T>(
        IConfigurationSection section, string key, T fallback, T min, T max,
        Func<string, NumberStyles, IFormatProvider, T> parse)
        where T : struct, IComparable<T>
    {
        var text = section[key];
        if (text is null)
            return fallback;
        T value;
        try
        {
            value = parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{section.Path}:{key}: '{Shown(text)}' is not a number");
        }
        catch (OverflowException)
        {
            throw OutOfRange(section, key, text, min, max);
        }
        if (value is double d && !double.IsFinite(d) || value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            throw OutOfRange(section, key, text, min, max);
        return value;
    }

    private static T Choice<T>(IConfigurationSection section, string key, T fallback)
        where T : struct
    {
        var text = section[key];
        if (text is null)
            return fallback;
        if (typeof(T) == typeof(bool))
            return bool.TryParse(text.Trim(), out var flag)
                ? (T)(object)flag
                : throw new ArgumentException($"{section.Path}:{key}: '{Shown(text)}' is neither true nor false");
        return Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var choice) && Enum.IsDefined(typeof(T), choice)
               && !text.Trim().Any(char.IsDigit)
            ? choice
            : throw new ArgumentException(
                $"{section.Path}:{key}: '{Shown(text)}' is not one of " +
                string.Join(", ", Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant())));
    }

    private static ArgumentException OutOfRange<T>(
        IConfigurationSection section, string key, string text, T min, T max) =>
        new($"{section.Path}:{key} is {Shown(text)}: it must lie from {Format(min)} to {Format(max)}");

    private static string Format<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Shown(string text) =>
        new([.. (text.Length > 40 ? text[..40] : text).Select(c => char.IsControl(c) ? '?' : c)]);
}
