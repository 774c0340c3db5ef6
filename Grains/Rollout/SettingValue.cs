using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VisionZero.Grains.Rollout;

/// <summary>
/// Reads one rollout setting: a number within its range, a choice among an enum's names, or true/false. A bad value
/// is refused with an <see cref="ArgumentException"/> that starts with the key's full path and shows the value cut and
/// without control characters.
/// </summary>
internal static class SettingValue
{
    public static T Number<T>(
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

    public static T Choice<T>(IConfigurationSection section, string key, T fallback)
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

    /// <summary>A duration such as 00:00:03, from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min,
        TimeSpan max)
    {
        var text = section[key];
        if (text is null)
            return fallback;
        if (!TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"{section.Path}:{key}: '{Shown(text)}' is not a duration such as 00:00:03");
        return value >= min && value <= max ? value : throw OutOfRange(section, key, text, min, max);
    }

    private static ArgumentException OutOfRange<T>(
        IConfigurationSection section, string key, string text, T min, T max) =>
        new($"{section.Path}:{key} is {Shown(text)}: it must lie from {Format(min)} to {Format(max)}");

    private static string Format<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Shown(string text) =>
        new([.. (text.Length > 40 ? text[..40] : text).Select(c => char.IsControl(c) ? '?' : c)]);
}
