namespace VisionZero.Edge.Tests;

/// <summary>The Flatbush Avenue drive in Edge/Traces, as copied next to vz-edge (and so next to the tests).</summary>
internal static class BundledTraces
{
    public static string PathOf(string extension) =>
        Path.Combine(AppContext.BaseDirectory, "Traces", "flatbush-avenue" + extension);
}
