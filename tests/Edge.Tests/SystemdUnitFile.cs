using System.Text.RegularExpressions;

namespace VisionZero.Edge.Tests;

/// <summary>
/// The parts of systemd's unit and environment file syntax the edge's files use: [Section] headers, Key=value
/// settings (a key may repeat), comments, and a command line's $NAME (the value split into words; unset: no
/// word) and ${NAME} (the value as one word).
/// </summary>
internal static partial class SystemdUnitFile
{
    /// <summary>Every setting in order, with its section.</summary>
    public static List<(string Section, string Key, string Value)> Settings(string text)
    {
        var settings = new List<(string, string, string)>();
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
                section = line[1..^1];
            else
            {
                var equals = line.IndexOf('=');
                Assert.True(equals > 0, $"not a setting: {line}");
                settings.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }
        return settings;
    }

    /// <summary>An environment file's assignments, and the commented-out ones (#NAME=value) it documents.</summary>
    public static (Dictionary<string, string> Set, List<(string Name, string Value)> Documented) Environment(
        string text)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var documented = new List<(string, string)>();
        foreach (var raw in text.Split('\n'))
        {
            if (Assignment().Match(raw.Trim()) is not { Success: true } match)
                continue;
            var (name, value) = (match.Groups["name"].Value, match.Groups["value"].Value.Trim());
            if (match.Groups["comment"].Success)
                documented.Add((name, value));
            else
                set[name] = value;
        }
        return (set, documented);
    }

    /// <summary>The Environment= settings of a unit as NAME → value.</summary>
    public static Dictionary<string, string> UnitEnvironment(
        IEnumerable<(string Section, string Key, string Value)> unit) => unit.Where(s => s.Key == "Environment")
            .Select(s => s.Value.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    /// <summary>The words a command line runs with, its variables taken from <paramref name="environment"/>.</summary>
    public static List<string> Expand(string command, IReadOnlyDictionary<string, string> environment)
    {
        var words = new List<string>();
        foreach (var word in command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (WholeVariable().Match(word) is { Success: true } whole)
                words.AddRange(environment.GetValueOrDefault(whole.Groups["name"].Value, "")
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries));
            else
                words.Add(BracedVariable().Replace(word,
                    m => environment.GetValueOrDefault(m.Groups["name"].Value, "")));
        }
        return words;
    }

    /// <summary>The names a command line refers to, as $NAME or ${NAME}.</summary>
    public static HashSet<string> Variables(string command) =>
    [
        .. WholeVariable().Matches(command.Replace(" ", "\n", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value),
        .. BracedVariable().Matches(command).Select(m => m.Groups["name"].Value),
    ];

    [GeneratedRegex(@"^(?<comment>#\s*)?(?<name>[A-Z_][A-Z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\$(?<name>[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.Multiline)]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex BracedVariable();
}
