using VisionZero.Edge.Store;
using VisionZero.Models;
using VisionZero.Scoring;

namespace VisionZero.Edge.Area;

/// <summary>
/// The edge's copy of its part of the grid: the model version it serves, its area's corners and the as-of
/// day, held on disk and answered from memory. Every change writes the disk first, then swaps the view.
/// </summary>
public sealed partial class EdgeGrid : IDisposable
{
    private readonly object _gate = new();
    private readonly EdgeStore _store;
    private List<CornerCopy> _corners;
    private RiskModel? _model;
    private volatile AreaView _view = AreaView.Empty;

    public EdgeGrid(EdgeStore store)
    {
        _store = store;
        _corners = store.LoadCorners();
        Area = AreaSpecText.Parse(store.GetMeta(MetaKeys.Area));
        Generation = long.TryParse(store.GetMeta(MetaKeys.Generation), out var g) ? g : -1;
        AsOf = DateOnly.TryParse(store.GetMeta(MetaKeys.AsOf), out var d) ? d : null;
        LastSync = DateTimeOffset.TryParse(store.GetMeta(MetaKeys.LastSync), out var s) ? s : null;
        if (int.TryParse(store.GetMeta(MetaKeys.ModelVersion), out var version))
            _model = LoadStoredModel(version);
        Rebuild();
    }

    public AreaView View => _view;

    public AreaSpec? Area { get; private set; }

    public long Generation { get; private set; }

    public DateOnly? AsOf { get; private set; }

    public DateTimeOffset? LastSync { get; private set; }

    public RiskModel? Model => _model;

    /// <summary>Why the last version offered was not taken (sha256, schema), or damage found on disk.</summary>
    public string? Refusal { get; private set; }

    public string? Damage => _store.Damage;

    /// <summary>Checks a pushed version's bytes (sha256, feature schema), stores them and serves them.</summary>
    public bool TryUseModel(ModelVersionInfo info, byte[] artifact)
    {
        RiskModel model;
        try
        {
            model = RiskModel.Load(info, artifact);
        }
        catch (InvalidDataException e)
        {
            Refusal = e.Message;
            return false;
        }
        lock (_gate)
        {
            _store.SaveModel(info, artifact);
            _store.SetMeta(MetaKeys.ModelVersion, info.Version.ToString());
            _store.PruneModels(keep: 2);
            var old = _model;
            _model = model;
            Refusal = null;
            Rebuild();
            old?.Dispose();
        }
        return true;
    }

    /// <summary>Takes the corners that changed and forgets those that left the area, with the grid's clock.</summary>
    public void UseCorners(AreaSpec area, IReadOnlyCollection<CornerCopy> changed, IReadOnlyCollection<string> gone,
        DateOnly? asOf, long generation, DateTimeOffset syncedAt)
    {
        lock (_gate)
        {
            if (changed.Count > 0)
                _store.SaveCorners(changed);
            if (gone.Count > 0)
                _store.DeleteCorners(gone);
            _store.SetMeta(MetaKeys.Area, AreaSpecText.Format(area));
            _store.SetMeta(MetaKeys.Generation, generation.ToString());
            if (asOf is { } day)
                _store.SetMeta(MetaKeys.AsOf, day.ToString("O"));
            _store.SetMeta(MetaKeys.LastSync, syncedAt.ToString("O"));
            var byId = _corners.ToDictionary(c => c.Id);
            foreach (var id in gone)
                byId.Remove(id);
            foreach (var corner in changed)
                byId[corner.Id] = corner;
            _corners = [.. byId.Values];
            Area = area;
            Generation = generation;
            AsOf = asOf ?? AsOf;
            LastSync = syncedAt;
            Rebuild();
        }
    }

    /// <summary>The digest the edge holds for each corner: what it sends so unchanged corners are not resent.</summary>
    public Dictionary<string, string> Digests()
    {
        lock (_gate)
            return _corners.ToDictionary(c => c.Id, c => c.Digest);
    }

    /// <summary>This device's id: made once, at the first start, and kept in the store.</summary>
    public string DeviceId()
    {
        lock (_gate)
        {
            if (_store.GetMeta(MetaKeys.DeviceId) is { Length: > 0 } id)
                return id;
            id = $"edge-{Guid.NewGuid():N}"[..17];
            _store.SetMeta(MetaKeys.DeviceId, id);
            return id;
        }
    }

    private RiskModel? LoadStoredModel(int version)
    {
        try
        {
            return _store.LoadModel(version) is { } stored ? LoadTimed(stored.Info, stored.Artifact) : null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException
                                      or System.Text.Json.JsonException)
        {
            // Bytes damaged on disk: never served; the next sync fetches the version again.
            _store.DeleteModel(version);
            _store.ReportDamage($"stored model version {version} was damaged ({e.Message}); fetching it again");
            return null;
        }
    }

    private void Rebuild() => _view = new AreaView(_corners, _model, AsOf);

    public void Dispose()
    {
        _model?.Dispose();
        _store.Dispose();
    }
}
