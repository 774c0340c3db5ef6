namespace VisionZero.Grains.Query;

/// <summary>Calls many grains with a bounded number of calls in flight, keeping results in input order.</summary>
public static class FanOut
{
    public static async Task<TResult[]> Run<TItem, TResult>(
        IEnumerable<TItem> items, int concurrency, Func<TItem, Task<TResult>> call)
    {
        var list = items as IReadOnlyList<TItem> ?? [.. items];
        var results = new TResult[list.Count];
        for (var start = 0; start < list.Count; start += concurrency)
        {
            var end = Math.Min(list.Count, start + concurrency);
            var tasks = new Task<TResult>[end - start];
            for (var i = start; i < end; i++)
                tasks[i - start] = call(list[i]);
            var chunk = await Task.WhenAll(tasks);
            chunk.CopyTo(results, start);
        }
        return results;
    }
}
