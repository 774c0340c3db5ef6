using Spectre.Console;

namespace VisionZero.Client.Output;

/// <summary>
/// Where vz's human output goes: a terminal of some width (tables with borders, fitted to it), or plain text when
/// stdout is not a terminal (aligned columns at the content's full width, no box drawing, no colour).
/// </summary>
public sealed class CliOutput
{
    private readonly TextWriter? _hints;
    private bool _hinted;

    private CliOutput(IAnsiConsole console, bool plain, TextWriter? hints)
    {
        Console = console;
        Plain = plain;
        _hints = hints;
    }

    public IAnsiConsole Console { get; }

    public bool Plain { get; }

    public int Width => Console.Profile.Width;

    /// <summary>
    /// The process's stdout: the terminal as Spectre.Console sees it, or plain text. The --json hint goes to stderr
    /// only when a person is reading it, so a script capturing both streams gets just the text.
    /// </summary>
    public static CliOutput Stdout() =>
        AnsiConsole.Profile.Out.IsTerminal
            ? new CliOutput(AnsiConsole.Console, false, null)
            : Pipe(System.Console.Out, System.Console.IsErrorRedirected ? null : System.Console.Error);

    /// <summary>A terminal of a fixed width writing to <paramref name="writer"/>, without colour codes.</summary>
    public static CliOutput Terminal(TextWriter writer, int width)
    {
        var console = Uncoloured(writer);
        console.Profile.Width = width;
        return new CliOutput(console, false, null);
    }

    /// <summary>Plain text, as when stdout is redirected; <paramref name="hints"/> gets the --json hint.</summary>
    public static CliOutput Pipe(TextWriter writer, TextWriter? hints = null) => new(Uncoloured(writer), true, hints);

    /// <summary>A line of context under a table: grey in a terminal, as is in plain text.</summary>
    public void Note(string text) => Line(text, "grey");

    public void Warning(string text) => Line(text, "yellow");

    /// <summary>Once per output, and only in plain text: that every field is also available as JSON.</summary>
    public void HintJson()
    {
        if (!Plain || _hints is null || _hinted)
            return;
        _hinted = true;
        _hints.WriteLine("vz: stdout is not a terminal, so this is plain text; add --json for every field as JSON");
    }

    internal static IAnsiConsole Uncoloured(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    private void Line(string text, string colour)
    {
        // Plain text is not wrapped: a pipe has no width to fit.
        if (Plain)
            Console.Profile.Out.Writer.WriteLine(text);
        else
            Console.MarkupLine($"[{colour}]{Markup.Escape(text)}[/]");
    }
}
