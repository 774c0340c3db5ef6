namespace VisionZero.Grains;

/// <summary>Calls many grains with a bounded number of calls in flight, keeping results in input order.</summary>
public static class FanOut
{
    public static async Task<TResult[]> Run<TItem, TResult>(
        IEnumerable<TItem> items, int concurrency, Func<TItem, Task<TResult>> call)
    {
        var list = items as IReadOnlyList<TItem> ?? [.. items];
        var results = new TResult[list.Count];
        var next = -1;
        // A sliding window, not chunks: one slow call never holds back the calls behind it.
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < list.Count)
                results[i] = await call(list[i]);
        }
        await Task.WhenAll(
            Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, list.Count))).Select(_ => WorkerAsync()));
        return results;
    }
}
