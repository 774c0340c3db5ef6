using VisionZero.Edge.Commands;

try
{
    return await EdgeCommandLine.Create().Parse(args).InvokeAsync();
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"vz-edge: {e.Message}");
    return 2;
}
