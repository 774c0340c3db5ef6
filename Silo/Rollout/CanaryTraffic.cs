using System.Collections.Immutable;

namespace VisionZero.Silo.Rollout;

/// <summary>
/// The canary's simulated users' corners: those its slice gives the canary, and the rest. With a
/// <see cref="Route"/> (the edge's drives), each user replays it from a point of its own; without one, users pick
/// corners at random. <see cref="Users"/> says which, for the verdict.
/// </summary>
public sealed record CanaryTraffic(
    int Canary, int Production, string[] Slice, string[] Rest, ImmutableArray<string> Route, string Users);
