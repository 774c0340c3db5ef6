using System.Collections.Immutable;
using VisionZero.Risk;
using VisionZero.Grains.Risk.Serving;
using VisionZero.Scoring;

namespace VisionZero.Grains.Risk.Training;

/// <summary>
/// Training snapshots of the whole grid: rows of (corner, as-of day, features, label) in flat arrays,
/// so 150,000 corners × 60 months stay compact and feed ML.NET without copies per row.
/// </summary>
/// <remarks>
/// <paramref name="trainingDays"/> (default: all) are the days whose rows may train a model. The others are
/// there for their features only, e.g. the days years before a cutoff that the nowcast compares: what a model
/// learns from must not change with how the level is estimated.
/// </remarks>
public sealed class SnapshotSet(
    ImmutableArray<DateOnly> days, DateOnly labelsUntil, ImmutableArray<DateOnly> trainingDays = default)
{
    private readonly bool[] _trainable = [.. days.Select(d => trainingDays.IsDefault || trainingDays.Contains(d))];

    private readonly List<float> _features = [];
    private readonly List<int> _labels = [];
    private readonly List<int> _days = [];
    private readonly List<int> _intersectionOfRow = [];
    private readonly List<string> _intersectionIds = [];

    public ImmutableArray<DateOnly> Days { get; } = days;

    public DateOnly LabelsUntil { get; } = labelsUntil;

    public int Count => _labels.Count;

    public int Intersections => _intersectionIds.Count;

    public void Add(string intersectionId, TrainingRows rows)
    {
        if (rows.Count == 0)
            return;
        var corner = _intersectionIds.Count;
        _intersectionIds.Add(intersectionId);
        _features.AddRange(rows.Features);
        _labels.AddRange(rows.Labels);
        _days.AddRange(rows.DayIndex);
        for (var i = 0; i < rows.Count; i++)
            _intersectionOfRow.Add(corner);
    }

    /// <summary>
    /// A copy whose known labels are permuted among its rows: what a model trained on it learns is noise. Only the
    /// rollout's tests ask for it (<see cref="RiskTrainerParameters.ShuffledLabels"/>), to prove the gate refuses
    /// such a model.
    /// </summary>
    public SnapshotSet WithShuffledLabels(int seed)
    {
        var copy = new SnapshotSet(Days, LabelsUntil);
        Array.Copy(_trainable, copy._trainable, _trainable.Length);
        copy._features.AddRange(_features);
        copy._days.AddRange(_days);
        copy._intersectionOfRow.AddRange(_intersectionOfRow);
        copy._intersectionIds.AddRange(_intersectionIds);
        copy._labels.AddRange(_labels);
        var known = Enumerable.Range(0, Count).Where(r => _labels[r] >= 0).ToArray();
        var labels = known.Select(r => _labels[r]).ToArray();
        new Random(seed).Shuffle(labels);
        for (var i = 0; i < known.Length; i++)
            copy._labels[known[i]] = labels[i];
        return copy;
    }

    public DateOnly DayOf(int row) => Days[_days[row]];

    public int Label(int row) => _labels[row];

    public string IntersectionOf(int row) => _intersectionIds[_intersectionOfRow[row]];

    public ReadOnlySpan<float> Features(int row) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_features)
            .Slice(row * RiskFeatures.Count, RiskFeatures.Count);

    /// <summary>Rows as of the day whose label is known.</summary>
    public IEnumerable<int> RowsOn(DateOnly day) => RowsAt(day).Where(r => _labels[r] >= 0);

    /// <summary>
    /// Every corner's row as of the day, whether or not its label is known yet. Compares day indexes: the
    /// nowcast asks this five times per fit over millions of rows.
    /// </summary>
    public IEnumerable<int> RowsAt(DateOnly day)
    {
        var index = Days.IndexOf(day);
        return index < 0 ? [] : Enumerable.Range(0, Count).Where(r => _days[r] == index);
    }

    /// <summary>
    /// Rows usable for training at a cutoff: of a training day, their whole label window ended on or before it.
    /// </summary>
    public IEnumerable<int> TrainingRowsBefore(DateOnly cutoff) =>
        Enumerable.Range(0, Count).Where(r => _labels[r] >= 0
            && _trainable[_days[r]]
            && DayOf(r).AddDays(RiskFeatures.HorizonDays) <= cutoff);

    /// <summary>The rows' features, one after another (row-major): what the drift profile reads.</summary>
    public List<float> FeatureRows(IEnumerable<int> rows)
    {
        var features = new List<float>();
        foreach (var row in rows)
            features.AddRange(Features(row));
        return features;
    }

    public RiskInput Input(int row) => new() { Features = Features(row).ToArray(), Label = Math.Max(0, _labels[row]) };

    /// <summary>
    /// A model training row (see <see cref="RiskFeatures.Exposure"/>), weighted by its age at the cutoff: crash
    /// levels drift (they fell a third in 2020), so the latest snapshots say most about the next 182 days. Halves
    /// every <paramref name="halfLifeDays"/>.
    /// </summary>
    public RiskInput TrainingInput(int row, DateOnly cutoff, int halfLifeDays, ModelView view = ModelView.Risk)
    {
        var age = cutoff.DayNumber - RiskFeatures.HorizonDays - DayOf(row).DayNumber;
        var input = Input(row);
        var recency = halfLifeDays <= 0 ? 1 : Math.Pow(0.5, Math.Max(0, age) / (double)halfLifeDays);
        // The label becomes a rate of the exposure, weighted by it: the Poisson fit with an offset.
        var exposure = view.Exposure(input.Features);
        input.Label = (float)(input.Label / exposure);
        input.Weight = (float)(recency * exposure);
        return input;
    }
}
