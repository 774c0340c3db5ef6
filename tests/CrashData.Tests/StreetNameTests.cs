using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

[Trait("Category", "Fast")]
public class StreetNameTests
{
    [Theory]
    [InlineData("  FLATBUSH AVENUE      ", "FLATBUSH AVENUE")]
    [InlineData("flatbush    avenue", "FLATBUSH AVENUE")]
    [InlineData("\u007f\uFFFDST 138 STREET", "ST 138 STREET")]
    [InlineData("\t\r\n", null)]
    [InlineData("", null)]
    public void Clean_trims_collapses_upper_cases_and_drops_garbage_characters(string raw, string? expected) =>
        Assert.Equal(expected, StreetName.Clean(raw));

    [Theory]
    [InlineData("E 125 ST", "EAST 125 STREET")]
    [InlineData("east 125th street", "EAST 125 STREET")]
    [InlineData("W FORDHAM RD", "WEST FORDHAM ROAD")]
    [InlineData("AVENUE S", "AVENUE S")]
    [InlineData("AVENUE N", "AVENUE N")]
    [InlineData("ST MARKS PL", "SAINT MARKS PLACE")]
    [InlineData("flatbush ave.", "FLATBUSH AVENUE")]
    [InlineData("BELT PKWY", "BELT PARKWAY")]
    [InlineData("2 AVE", "2 AVENUE")]
    [InlineData("1ST AVENUE", "1 AVENUE")]
    [InlineData("HUTCHINSON RIVER PKWY", "HUTCHINSON RIVER PARKWAY")]
    [InlineData("BROOKLYN QUEENS EXPY", "BROOKLYN QUEENS EXPRESSWAY")]
    [InlineData("N CONDUIT BLVD", "NORTH CONDUIT BOULEVARD")]
    [InlineData("E", "E")]
    public void Canonical_expands_abbreviations_where_they_are_abbreviations(string raw, string expected) =>
        Assert.Equal(expected, StreetName.Canonical(raw));

    [Fact]
    public void Both_street_orders_and_spellings_are_one_intersection()
    {
        var a = IntersectionKey.TryCreate("FLATBUSH AVENUE", "AVENUE U");
        var b = IntersectionKey.TryCreate("avenue u  ", "  Flatbush Ave");
        Assert.NotNull(a);
        Assert.Equal(a, b);
        Assert.Equal("AVENUE U & FLATBUSH AVENUE", a.Name);
        Assert.Equal("avenue-u--flatbush-avenue", a.Id);
    }

    [Theory]
    [InlineData("FLATBUSH AVENUE", "flatbush ave")]
    [InlineData("FLATBUSH AVENUE", "   ")]
    [InlineData(null, "AVENUE U")]
    public void A_corner_needs_two_different_streets(string? on, string? cross) =>
        Assert.Null(IntersectionKey.TryCreate(on, cross));

    [Theory]
    [InlineData("Flatbush Ave & Avenue U")]
    [InlineData("AVENUE U / FLATBUSH AVENUE")]
    [InlineData("avenue u and flatbush avenue")]
    [InlineData("avenue-u--flatbush-avenue")]
    [InlineData("FLATBUSH AVENUE_AVENUE U")]
    [InlineData("Flatbush Ave_Avenue U")]
    public void Parse_accepts_what_people_type_and_the_original_designs_ids(string text) =>
        Assert.Equal("avenue-u--flatbush-avenue", IntersectionKey.Parse(text)?.Id);

    [Theory]
    [InlineData("FLATBUSH AVENUE_")]
    [InlineData("_AVENUE U")]
    [InlineData("FLATBUSH AVENUE_FLATBUSH AVE")]
    [InlineData("FLATBUSH AVENUE")]
    public void Parse_refuses_an_id_without_two_different_streets(string text) =>
        Assert.Null(IntersectionKey.Parse(text));

    [Theory]
    [InlineData("O'BRIEN PLACE", "E 4 ST")]
    [InlineData("AVENUE OF THE AMERICAS", "W 42 ST")]
    [InlineData("'; DROP TABLE vz_crash; --", "<script>alert(1)</script>")]
    [InlineData("ШОССЕ", "東京 STREET")]
    public void Ids_are_url_safe_whatever_the_names(string on, string cross)
    {
        var key = IntersectionKey.TryCreate(on, cross)!;
        Assert.Matches("^[a-z0-9-]*--[a-z0-9-]*$", key.Id);
    }

    [Fact]
    public void Primary_file_keys_match_the_documented_counts_and_canonical_merges_go_further()
    {
        var trimmed = new HashSet<string>();
        var unordered = new HashSet<string>();
        var canonical = new HashSet<string>();
        foreach (var (on, cross) in RawStreets.Read(SharedData.Crashes(SharedData.Primary)))
        {
            var a = StreetName.Clean(on);
            var b = StreetName.Clean(cross);
            if (a is null || b is null)
                continue;
            trimmed.Add(a + " & " + b);
            unordered.Add(string.CompareOrdinal(a, b) <= 0 ? a + " & " + b : b + " & " + a);
            if (IntersectionKey.TryCreate(on, cross) is { } key)
                canonical.Add(key.Id);
        }
        Assert.Equal(1_019, trimmed.Count);
        Assert.Equal(552, unordered.Count);
        // Expanding abbreviations and case merges a few more spellings of the same corner.
        Assert.InRange(canonical.Count, 500, 551);
        Assert.Contains(IntersectionKey.TryCreate("pennsylvania ave", "belt parkway")!.Id, canonical);
    }
}
