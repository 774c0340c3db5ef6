using VisionZero.CrashData;

namespace VisionZero.CrashData.Tests;

[Trait("Category", "Fast")]
public class BadInputTests
{
    private const string Header =
        "CRASH DATE,CRASH TIME,BOROUGH,ZIP CODE,LATITUDE,LONGITUDE,LOCATION," +
        "ON STREET NAME,CROSS STREET NAME,OFF STREET NAME," +
        "NUMBER OF PERSONS INJURED,NUMBER OF PERSONS KILLED," +
        "NUMBER OF PEDESTRIANS INJURED,NUMBER OF PEDESTRIANS KILLED," +
        "NUMBER OF CYCLIST INJURED,NUMBER OF CYCLIST KILLED,NUMBER OF MOTORIST INJURED,NUMBER OF MOTORIST KILLED," +
        "CONTRIBUTING FACTOR VEHICLE 1,CONTRIBUTING FACTOR VEHICLE 2,CONTRIBUTING FACTOR VEHICLE 3," +
        "CONTRIBUTING FACTOR VEHICLE 4,CONTRIBUTING FACTOR VEHICLE 5," +
        "COLLISION_ID,VEHICLE TYPE CODE 1,VEHICLE TYPE CODE 2,VEHICLE TYPE CODE 3,VEHICLE TYPE CODE 4," +
        "VEHICLE TYPE CODE 5";

    private static string Row(
        string date = "06/01/2020",
        string time = "8:15",
        string lat = "40.6",
        string lon = "-73.93",
        string on = "FLATBUSH AVENUE",
        string cross = "AVENUE U",
        string injured = "1",
        string id = "42") =>
        $"{date},{time},BROOKLYN,11234,{lat},{lon},\"({lat}, {lon})\",{on},{cross},," +
        $"{injured},0,0,0,0,0,{injured},0,Unspecified,,,,,{id},Sedan,,,,";

    private static async Task<CrashRow> ReadOneAsync(string row) =>
        Assert.Single(await ReaderFiles.ReadTextAsync(Header + "\n" + row + "\n"));

    [Fact]
    public async Task A_good_row_is_accepted_with_every_field()
    {
        var record = (await ReadOneAsync(Row())).Record!;
        Assert.Equal(42, record.CollisionId);
        Assert.Equal(new DateOnly(2020, 6, 1), record.CrashDate);
        Assert.Equal(8 * 60 + 15, record.MinuteOfDay);
        Assert.Equal(1, record.Casualties.PersonsInjured);
        Assert.Equal("avenue-u--flatbush-avenue", record.Intersection!.Id);
    }

    [Theory]
    [InlineData("13/45/2020", null, RejectReason.BadDate, "CRASH DATE")]
    [InlineData("01/01/2030", null, RejectReason.FutureDate, "after today")]
    [InlineData("01/01/1999", null, RejectReason.BadDate, "before 2000")]
    [InlineData(null, "", RejectReason.MissingId, "COLLISION_ID")]
    [InlineData(null, "abc", RejectReason.BadId, "COLLISION_ID 'abc'")]
    [InlineData(null, "-5", RejectReason.BadId, "COLLISION_ID")]
    public async Task Bad_dates_and_ids_are_rejected_naming_the_field(
        string? date,
        string? id,
        string reason,
        string detail)
    {
        var rejected = (await ReadOneAsync(Row(date: date ?? "06/01/2020", id: id ?? "42"))).Rejected!;
        Assert.Equal(reason, rejected.Reason);
        Assert.Contains(detail, rejected.Detail);
    }

    [Theory]
    [InlineData("two", RejectReason.BadCount, "NUMBER OF PERSONS INJURED 'two'")]
    [InlineData("1.5", RejectReason.BadCount, "NUMBER OF PERSONS INJURED")]
    [InlineData("-1", RejectReason.BadCount, "NUMBER OF PERSONS INJURED")]
    [InlineData("2.0", null, null)]
    public async Task Counts_must_be_small_whole_numbers(string injured, string? reason, string? detail)
    {
        var row = await ReadOneAsync(Row(injured: injured));
        Assert.Equal(reason, row.Rejected?.Reason);
        if (detail is not null)
            Assert.Contains(detail, row.Rejected!.Detail);
    }

    [Fact]
    public async Task Coordinates_outside_the_city_are_rejected_but_zero_means_not_geocoded()
    {
        Assert.Equal(RejectReason.OutsideNyc, (await ReadOneAsync(Row(lat: "40.7", lon: "-201.2"))).Rejected!.Reason);
        Assert.Equal(
            RejectReason.BadCoordinates,
            (await ReadOneAsync(Row(lat: "north", lon: "-73.9"))).Rejected!.Reason);
        var zero = (await ReadOneAsync(Row(lat: "0", lon: "0"))).Record!;
        Assert.False(zero.HasCoordinates);
        Assert.NotNull(zero.Intersection);
    }

    [Fact]
    public async Task A_row_with_neither_coordinates_nor_a_street_pair_has_no_location()
    {
        var row = await ReadOneAsync(Row(lat: "", lon: "", cross: ""));
        Assert.Equal(RejectReason.NoLocation, row.Rejected!.Reason);
    }

    [Fact]
    public async Task Malformed_rows_are_rejected_and_the_rest_of_the_file_still_reads()
    {
        var text = string.Join(
            "\n",
            Header,
            Row(id: "1"),
            "garbage,without,enough,columns",
            Row(date: "x", id: "2"),
            Row(id: "3"));
        var rows = await ReaderFiles.ReadTextAsync(text);
        Assert.Equal(4, rows.Count);
        Assert.Equal([1L, 3L], rows.Where(r => r.Record is not null).Select(r => r.Record!.CollisionId));
        var malformed = rows[1].Rejected!;
        Assert.Equal(RejectReason.MalformedRow, malformed.Reason);
        Assert.Equal("garbage,without,enough,columns", malformed.RawRow);
        Assert.Equal(3, malformed.LineNumber);
    }

    [Fact]
    public async Task Hostile_strings_are_cleaned_or_rejected_never_fatal()
    {
        var huge = new string('A', 200_000);
        var text = string.Join("\n", Header,
            Row(on: "'; DROP TABLE vz_crash; --", id: "1"),
            Row(on: "A\0B STREET", id: "2"),
            Row(on: "\u202EEUNEVA HSUBTALF", id: "3"),
            Row(on: huge, id: "4"),
            Row(on: "😀 STREET", id: "5"));
        var rows = await ReaderFiles.ReadTextAsync(text);
        Assert.Equal(5, rows.Count);
        Assert.Equal("'; DROP TABLE VZ_CRASH; --", rows[0].Record!.OnStreet);
        Assert.Equal("AB STREET", rows[1].Record!.OnStreet);
        Assert.DoesNotContain('\u202E', rows[2].Record!.OnStreet!);
        Assert.Equal(RejectReason.BadStreetName, rows[3].Rejected!.Reason);
        Assert.True(rows[3].Rejected!.RawRow.Length <= CrashRowParser.MaxRawRowLength);
        Assert.Equal("STREET", rows[4].Record!.OnStreet);
    }

    [Theory]
    [InlineData("DATE,PRCP,SNOW\n2020-01-01,0.1,0\n", "COLLISION_ID, ON STREET NAME, CROSS STREET NAME")]
    [InlineData("TEMP,WIND\n1,2\n", "CRASH DATE")]
    [InlineData("STATION,NAME,DATE,AWND\n", "COLLISION_ID")]
    [InlineData("CRASH DATE,COLLISION_ID\n01/01/2020,5\n", "ON STREET NAME")]
    [InlineData("", "header")]
    [InlineData("just one line of prose", "header")]
    public async Task A_file_that_is_not_a_crash_export_is_refused_naming_what_is_missing(string text, string named)
    {
        var error = await Assert.ThrowsAsync<CrashFileFormatException>(() => ReaderFiles.ReadTextAsync(text));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_header_only_export_has_no_rows() =>
        Assert.Empty(await ReaderFiles.ReadTextAsync(Header + "\n"));
}
