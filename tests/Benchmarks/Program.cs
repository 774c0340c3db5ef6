using VisionZero.Benchmarks;

// Hand-rolled parsing: a benchmark harness should not pull a CLI framework's startup cost into its timings.
const string Usage =
    "usage: windows FILE [--dates N] [--peer-dates] [--out OUT.csv]" +
    " | model FILE [--cutoffs N] [--months-apart M] [--score N] [--held-out | --held-out-half 0|1] [--bootstrap N]" +
    " | " + TransferBenchmark.Usage +
    " | windows-analysis FILE | push GATEWAY-PORT VERSION | " + MapBenchmark.Usage + " | " + RiskNowBenchmark.Usage;

if (args is ["push", var port, var pushVersion]
    && int.TryParse(port, out var gatewayPort)
    && int.TryParse(pushVersion, out var version))
    return await PushBenchmark.RunAsync(gatewayPort, version);

if (args is ["transfer", .. var transferArgs])
{
    try
    {
        return await TransferBenchmark.RunAsync(transferArgs);
    }
    catch (ArgumentException error)
    {
        Console.Error.WriteLine($"transfer: {error.Message}");
        return 2;
    }
}

if (args is ["risknow", .. var riskNowArgs])
{
    try
    {
        return await RiskNowBenchmark.RunAsync(riskNowArgs);
    }
    catch (Exception error) when (error is ArgumentException or VisionZero.Risk.Now.WeatherFileException)
    {
        Console.Error.WriteLine($"risknow: {error.Message}");
        return 2;
    }
}

if (args is ["map", .. var mapArgs])
{
    try
    {
        return await MapBenchmark.RunAsync(mapArgs);
    }
    catch (ArgumentException error)
    {
        Console.Error.WriteLine($"map: {error.Message}");
        return 2;
    }
}

if (args is ["windows-analysis", var analysisFile])
    return await WindowAnalysis.RunAsync(analysisFile);

if (args is ["model", var modelFile, .. var modelArgs])
{
    try
    {
        return await ModelBenchmark.RunAsync(modelFile, modelArgs);
    }
    catch (ArgumentException error)
    {
        Console.Error.WriteLine($"model: {error.Message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

if (args is not ["windows", var file, .. var rest])
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new WindowsOptions(file);
for (var i = 0; i < rest.Length; i++)
{
    switch (rest[i])
    {
        case "--dates" when i + 1 < rest.Length && int.TryParse(rest[i + 1], out var dates) && dates > 0:
            options = options with { Dates = dates };
            i++;
            break;
        case "--peer-dates":
            options = options with { PeerDates = true };
            break;
        case "--out" when i + 1 < rest.Length:
            options = options with { Out = rest[++i] };
            break;
        default:
            Console.Error.WriteLine($"windows: unexpected argument '{rest[i]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

if (!File.Exists(options.File))
{
    Console.Error.WriteLine($"windows: no such file '{options.File}'");
    return 2;
}

return await WindowsBenchmark.RunAsync(options);
