using System.Text;
using VisionZero.Risk.Now;
using VisionZero.TestSupport;

namespace VisionZero.Risk.Tests;

[Trait("Category", "Fast")]
public class DailyWeatherReaderTests
{
    private const string Header = "\"STATION\",\"NAME\",\"DATE\",\"AWND\",\"PRCP\",\"SNOW\",\"SNWD\",\"TMAX\",\"TMIN\"";

    private static string Day(string date, string prcp = "0.00", string snow = "0.0", string snwd = "0.0",
        string tmax = "45") =>
        $"\"USW00094728\",\"NY CITY CENTRAL PARK, NY US\",\"{date}\",\"5.1\",\"{prcp}\",\"{snow}\"," +
        $"\"{snwd}\",\"{tmax}\",\"30\"";

    private static WeatherTable Read(string text) => DailyWeatherReader.Read(new StringReader(text), "weather.csv");

    private static string Refused(string text) =>
        Assert.Throws<WeatherFileException>(() => Read(text)).Message;

    [Fact]
    public void The_central_park_table_reads_whole_with_its_one_empty_snowfall_kept_as_unknown()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "..", "shared", "data", "weather",
            "central_park_USW00094728_daily_2009-01-01_to_2024-02-29.csv");
        using var text = File.OpenText(path);
        var table = DailyWeatherReader.Read(text, "central park");
        Assert.Equal(5_538, table.Count);
        Assert.Equal(0, table.IncompleteDays);
        Assert.Equal(new DateOnly(2009, 1, 1), table.First);
        Assert.Equal(new DateOnly(2024, 2, 29), table.Last);
        Assert.Null(table.On(new DateOnly(2019, 11, 19))!.SnowIn);
        Assert.Null(table.On(new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void Columns_in_another_order_unquoted_and_with_a_byte_order_mark_read_the_same()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "TMAX,SNWD,DATE,SNOW,PRCP\n81,0,2019-07-04,0,1.25\n")).ToArray();
        using var text = new StreamReader(new MemoryStream(bytes));
        var day = DailyWeatherReader.Read(text, "w").On(new DateOnly(2019, 7, 4))!;
        Assert.Equal(new DailyWeather(new DateOnly(2019, 7, 4), 1.25, 0, 0, 81), day);
        Assert.Equal(WeatherClass.HeavyRain, day.Class);
    }

    [Fact]
    public void A_day_missing_a_required_value_is_left_out_and_counted()
    {
        var table = Read(
            $"{Header}\n{Day("2019-01-01")}\n{Day("2019-01-02", tmax: "")}\n{Day("2019-01-03", prcp: "")}\n");
        Assert.Equal(1, table.Count);
        Assert.Equal(2, table.IncompleteDays);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("DATE,PRCP,SNOW,TMAX\n2019-01-01,0,0,40\n", "no SNWD column")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX,PRCP\n", "'PRCP' found 2 times")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n01/02/2019,0,0,0,40\n", "line 2: DATE '01/02/2019' is not a yyyy-MM-dd")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,T,0,0,40\n", "line 2: PRCP 'T' is not a number")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,0,0,0,1e308\n", "TMAX '1e308' is not a number")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,0,0,0,NaN\n", "TMAX 'NaN' is not a number")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,0,0,0\n", "line 2 has 4 fields, the header 5")]
    [InlineData("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,0,0,0,40\n2019-01-02,0,0,0,41\n", "line 3: 2019-01-02 is given")]
    public void A_damaged_table_is_refused_naming_the_line_and_the_fault(string text, string message) =>
        Assert.Contains(message, Refused(text));

    [Fact]
    public void A_stray_quote_a_hostile_value_and_a_huge_row_are_refused_without_echoing_them_whole()
    {
        var strayQuote = Refused("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,\"0,0,0,40\n2019-01-03,0,0,0,40\n");
        Assert.Contains("weather.csv: line 2 has 2 fields", strayQuote);
        var hostile = Refused("DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,<script>alert(1)</script>,0,0,40\n");
        Assert.Contains("PRCP '<script>alert(1)</script>' is not a number", hostile);
        var huge = Refused($"DATE,PRCP,SNOW,SNWD,TMAX\n2019-01-02,{new string('9', 100_000)},0,0,40\n");
        Assert.True(huge.Length < 200, huge);
    }
}
