using System.Text;
using VisionZero.Client.Output;

namespace VisionZero.Client.Tests;

/// <summary>One table as drawn: mode "80" and "120" are terminals of that width, "pipe" is plain text.</summary>
public sealed record Rendered(string Mode, string Text, string Hints)
{
    public bool Plain => Mode == "pipe";

    public int? Width => Plain ? null : int.Parse(Mode);

    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Every run of text between spaces and box-drawing characters.</summary>
    public IReadOnlyList<string> Tokens => [.. Lines.SelectMany(Words)];

    public static Rendered Of(string mode, Action<CliOutput> write)
    {
        var text = new StringWriter();
        var hints = new StringWriter();
        write(mode == "pipe" ? CliOutput.Pipe(text, hints) : CliOutput.Terminal(text, int.Parse(mode)));
        return new Rendered(mode, text.ToString(), hints.ToString());
    }

    public static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        foreach (var c in line.Append(' '))
        {
            if (char.IsWhiteSpace(c) || c is >= '\u2500' and <= '\u257F')
            {
                if (word.Length > 0)
                    yield return word.ToString();
                word.Clear();
            }
            else
            {
                word.Append(c);
            }
        }
    }
}
