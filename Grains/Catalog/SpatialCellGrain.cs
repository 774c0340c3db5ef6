using System.Collections.Immutable;
using VisionZero.Grid;

namespace VisionZero.Grains.Catalog;

/// <summary>The intersections placed in one ~2 km cell: the spatial index behind GPS queries and attribution.</summary>
public sealed class SpatialCellGrain(
    [PersistentState("cell", GridStorage.Name)] IPersistentState<PlacementSetState> state) : Grain, ISpatialCellGrain
{
    public async Task Update(ImmutableArray<IntersectionPlacement> upserts, ImmutableArray<string> removals)
    {
        foreach (var id in removals)
            state.State.Members.Remove(id);
        foreach (var placement in upserts)
            state.State.Members[placement.Id] = placement;
        state.State.SchemaVersion = PlacementSetState.CurrentSchemaVersion;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<IntersectionPlacement>> GetMembers() =>
        Task.FromResult(state.State.Members.Values.ToImmutableArray());
}
