using System.Diagnostics;

namespace VisionZero.Edge.Evaluation;

/// <summary>
/// The process's memory as it stands: its working set (what the device's RAM holds for it) and its live managed
/// heap (after a full collection, so garbage from the lookups just timed is not counted).
/// </summary>
public static class ProcessFootprint
{
    public static (long WorkingSetBytes, long ManagedHeapBytes) Measure()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, managed);
    }
}
