using System.Globalization;

namespace VisionZero.Silo.Web.Api;

/// <summary>
/// Query parameters read by hand, so every malformed or out-of-range value becomes a 400 problem
/// naming the field and saying what is allowed (the binder's own message names the C# type instead).
/// </summary>
public sealed class ApiInput(HttpContext context)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Valid => Errors.Count == 0;

    public string? Text(string name, int maxLength, bool required = false)
    {
        var values = context.Request.Query[name];
        if (values.Count > 1)
        {
            // StringValues would join them with commas: "stage=production&stage=canary" is not one stage.
            Fail(name, $"{name} must be given once, not {values.Count} times");
            return null;
        }
        var value = values.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Fail(name, $"{name} is required");
            return null;
        }
        if (value.Length > maxLength)
        {
            Fail(name, $"{name} is longer than {maxLength} characters");
            return null;
        }
        return value;
    }

    public double? Number(string name, double min, double max, double? fallback = null, bool required = false)
    {
        var text = Text(name, 64, required && fallback is null);
        if (text is null)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Fail(name, $"{name} must be a number, not '{Cut(text)}'");
            return null;
        }
        if (value < min || value > max)
        {
            Fail(
                name,
                $"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and " +
                $"{max.ToString(CultureInfo.InvariantCulture)}, not {text}");
            return null;
        }
        return value;
    }

    public DateOnly? Date(string name)
    {
        var text = Text(name, 32);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        Fail(name, $"{name} must be a date YYYY-MM-DD, not '{Cut(text)}'");
        return null;
    }

    public void Fail(string name, string message) => Errors[name] = [message];

    public IResult Problem() => Results.ValidationProblem(Errors, title: "The request has invalid parameters");

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
