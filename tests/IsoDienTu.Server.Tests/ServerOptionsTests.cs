using IsoDienTu.Engine.Postgres;
using IsoDienTu.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace IsoDienTu.Server.Tests;

/// <summary>The ISODIENTU_* counts: a positive whole number is taken, anything else leaves the default.</summary>
public sealed class ServerOptionsTests
{
    private static ServerOptions From(params (string Key, string Value)[] values) =>
        ServerOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Counts_AreTakenWhenPositive()
    {
        var options = From(("ISODIENTU_DUE_WORKERS", "3"), ("ISODIENTU_READ_POOL", "40"), ("ISODIENTU_REPORT_POOL", "2"),
            ("ISODIENTU_DASHBOARD_POOL", "12"));

        (options.DueWorkers, options.ReadPoolSize, options.ReportPoolSize, options.DashboardPoolSize).ShouldBe((3, 40, 2, 12));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("many")]
    [InlineData("2.5")]
    public void Counts_KeepTheirDefaults_OtherwiseOrWhenUnset(string? value)
    {
        var options = value is null ? From() : From(("ISODIENTU_DUE_WORKERS", value), ("ISODIENTU_READ_POOL", value),
            ("ISODIENTU_REPORT_POOL", value), ("ISODIENTU_DASHBOARD_POOL", value));

        (options.DueWorkers, options.ReadPoolSize, options.ReportPoolSize, options.DashboardPoolSize)
            .ShouldBe((DueWorkProcessor.DefaultWorkers, 20, 5, 10));
    }
}
