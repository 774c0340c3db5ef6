using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Grains.Rollout;
using VisionZero.Models;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// The canary step of one version: only after a passed staging, the version becomes the canary (every silo serves it
/// on its slice of corners from its next poll), real traffic and the simulated users meet it for the soak, and the
/// judge looks every second. Held for the whole soak, it goes to production. At the first breach it goes back to
/// candidate, which returns its slice to production on every silo at their next poll; the time until this silo's
/// slice was answered by production again is kept with the verdict.
/// </summary>
public sealed class CanaryStep(
    IGrainFactory grains, SimulatedUsers users, ServingModels serving, CanarySettings settings,
    ILogger<CanaryStep> logger)
{
    /// <summary>Rolling back must reach every silo within this: one poll of the watchers and the fetch.</summary>
    public static readonly TimeSpan RollbackBound = TimeSpan.FromSeconds(1);

    public CanarySettings Settings => settings;

    public async Task<(bool Passed, string Text)> RunAsync(int version, string by, CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(0);
        var info = await registry.Get(version)
            ?? throw new KeyNotFoundException($"model version {version} is not registered");
        var production = await registry.GetProduction()
            ?? throw new InvalidOperationException("nothing is in production: a canary is compared with it");
        if (production.Version == version)
            throw new InvalidOperationException($"model version {version} is in production already: no canary");
        var staged = (await registry.Rollout(version)).LastOrDefault(s => s.Step == RolloutNames.Staging);
        if (staged?.Verdict != RolloutNames.Passed)
            throw new InvalidOperationException(
                $"model version {version} has not passed staging: the canary takes only a version that did " +
                $"(vz rollout stage {version})");
        // A version already the canary is resumed: the silo that ran its soak stopped before deciding.
        var resumed = info.Stage == ModelStage.Canary;
        if (info.Stage is not (ModelStage.Staging or ModelStage.Canary))
            throw new InvalidOperationException(
                $"model version {version} is {VisionZero.Api.StageNames.Name(info.Stage)}, not in staging: the " +
                $"canary takes the version staging left there (vz rollout stage {version})");
        if (!resumed)
            _ = await registry.Advance(version, ModelStage.Staging, ModelStage.Canary, by, "canary soak")
                ?? throw new InvalidOperationException($"model version {version} was moved as the canary began");
        logger.LogInformation("Model version {Version} is the canary for {Seconds} s", version, settings.SoakSeconds);
        (CanaryState State, string Why, ImmutableArray<StepMeasure> Measures) verdict;
        CanaryTraffic? traffic = null;
        try
        {
            traffic = await users.PrepareAsync(version, production.Version, cancellationToken);
            verdict = await SoakAsync(traffic, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            verdict = (CanaryState.Breached, $"the canary could not run: {e.Message}", []);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping: the canary must not stay on its slice with nobody judging it.
            await RecordAsync(version, by, RolloutNames.Failed, production.Version,
                "interrupted: the silo running the soak stopped; rolled back", []);
            await registry.Advance(version, ModelStage.Canary, ModelStage.Candidate, by, "canary interrupted");
            throw;
        }
        var why = $"against production version {production.Version}; " +
                  (resumed ? "resumed (it was already the canary: the soak starts over); " : "") + verdict.Why +
                  (traffic is null ? "" : $"; simulated users: {traffic.Users}");
        if (verdict.State == CanaryState.Held)
        {
            await RecordAsync(version, by, RolloutNames.Passed, production.Version, why, verdict.Measures);
            return await registry.Advance(version, ModelStage.Canary, ModelStage.Production, by,
                    $"canary held for {settings.SoakSeconds.ToString(CultureInfo.InvariantCulture)} s") is null
                ? (true, $"version {version} held as canary, but was moved during the soak: left there; {why}")
                : (true, $"version {version} held as canary and went to production: {why}");
        }
        var decided = Stopwatch.StartNew();
        await registry.Advance(version, ModelStage.Canary, ModelStage.Candidate, by, "canary rolled back");
        var measures = verdict.Measures;
        if (traffic is not null)
            (why, measures) = await RolledBackAsync(traffic, why, measures, decided, cancellationToken);
        await RecordAsync(version, by, RolloutNames.Failed, production.Version, why, measures);
        return (false, $"version {version} was rolled back from canary: {why}");
    }

    private async Task<(CanaryState, string, ImmutableArray<StepMeasure>)> SoakAsync(
        CanaryTraffic traffic, CancellationToken cancellationToken)
    {
        var figures = new CanaryFigures();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var soaked = Stopwatch.StartNew();
        var running = users.RunAsync(traffic, settings.Users, figures, stop.Token);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (true)
            {
                await timer.WaitForNextTickAsync(cancellationToken);
                var (state, why, measures) = CanaryJudge.Judge(
                    figures.Snapshot(soaked.Elapsed), settings, soaked.Elapsed.TotalSeconds >= settings.SoakSeconds);
                if (state != CanaryState.Soaking)
                    return (state, $"after {soaked.Elapsed.TotalSeconds:F0} s, {why}", measures);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    /// <summary>Waits until this silo answers the canary's slice from production again; says after how long.</summary>
    private async Task<(string Why, ImmutableArray<StepMeasure> Measures)> RolledBackAsync(
        CanaryTraffic traffic, string why, ImmutableArray<StepMeasure> measures, Stopwatch decided,
        CancellationToken cancellationToken)
    {
        try
        {
            await users.UntilAnsweredByAsync(traffic.Slice[0], traffic.Production, cancellationToken);
        }
        catch (TimeoutException e)
        {
            return ($"{why}; rolled back, but {e.Message}", measures);
        }
        var ms = decided.Elapsed.TotalMilliseconds;
        return ($"{why}; rolled back: its slice answered by version {traffic.Production} again after {ms:F0} ms",
            measures.Add(new StepMeasure("rollback-ms", ms, 0, RollbackBound.TotalMilliseconds, AtLeast: false,
                ms <= RollbackBound.TotalMilliseconds)));
    }

    private Task RecordAsync(int version, string by, string verdict, int production, string why,
        ImmutableArray<StepMeasure> measures) =>
        grains.GetGrain<IModelRegistryGrain>(0).RecordRolloutStep(new RolloutStep(version, RolloutNames.Canary,
            verdict, why, DateTimeOffset.UtcNow, by, settings.ToDictionary()
                .Add("production", $"{production}")
                .Add("canaryPercent", serving.CanaryPercent.ToString(CultureInfo.InvariantCulture)),
            [], measures));
}
