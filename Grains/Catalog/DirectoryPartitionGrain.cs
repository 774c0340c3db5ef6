using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using VisionZero.Grid;

using VisionZero.Grains.Query;

namespace VisionZero.Grains.Catalog;

/// <summary>One slice of the list of every intersection; ranks its slice by asking each member.</summary>
public sealed class DirectoryPartitionGrain(
    [PersistentState("directory", GridStorage.Name)] IPersistentState<PlacementSetState> state,
    IOptions<GridOptions> options) : Grain, IDirectoryPartitionGrain
{
    public async Task Upsert(ImmutableArray<IntersectionPlacement> placements)
    {
        foreach (var placement in placements)
            state.State.Members[placement.Id] = placement;
        state.State.SchemaVersion = PlacementSetState.CurrentSchemaVersion;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<IntersectionPlacement>> GetAll() =>
        Task.FromResult(state.State.Members.Values.ToImmutableArray());

    public Task<int> Count() => Task.FromResult(state.State.Members.Count);

    public async Task<ImmutableArray<IntersectionSnapshot>> Top(int k, DateOnly asOf)
    {
        var snapshots = await FanOut.Run(state.State.Members.Keys, options.Value.FanOutConcurrency,
            id => GrainFactory.GetGrain<IIntersectionGrain>(id).GetSnapshot(asOf));
        return [.. snapshots.OfType<IntersectionSnapshot>().Order(HotspotOrder.Instance).Take(k)];
    }
}
