using System.Collections.Immutable;
using Dapper;
using IsoDienTu.Engine.Calendar;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>Working calendars are yearly data an admin maintains; a year without a row uses the generated proposal.</summary>
public sealed class CalendarStore(NpgsqlDataSource dataSource)
{
    private static volatile CachedCalendar? _cached;

    /// <summary>
    /// The calendar as the database holds it now. Building one (lunar proposals for unlisted years included) costs far
    /// more than a step, so the built calendar is reused while the table's version — row count and latest change —
    /// stays the same; any node's change is seen by every node at its next step.
    /// </summary>
    public static async Task<WorkingCalendar> LoadAsync(NpgsqlConnection connection) =>
        await ForVersionAsync(connection, await connection.ExecuteScalarAsync<string>(VersionSql) ?? "");

    /// <summary>The table's version: a step reads it in the same round trip as its dossier lock.</summary>
    internal const string VersionSql = "select count(*)::text || '/' || coalesce(max(updated_at)::text, '') from calendar_years";

    /// <summary>The calendar for a version just read; rebuilt only when the version differs from the cached one.</summary>
    internal static async Task<WorkingCalendar> ForVersionAsync(NpgsqlConnection connection, string version, NpgsqlTransaction? tx = null)
    {
        if (_cached is { } cached && cached.Version == version)
        {
            return cached.Calendar;
        }

        var rows = await connection.QueryAsync<YearRow>("select year, holidays, working_days, source, confirmed from calendar_years", transaction: tx);
        var calendar = new WorkingCalendar(rows.Select(r => new CalendarYear(
            r.Year,
            [.. r.Holidays],
            [.. r.WorkingDays],
            r.Source,
            r.Confirmed)));
        _cached = new CachedCalendar(version, calendar);
        return calendar;
    }

    public async Task<WorkingCalendar> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LoadAsync(connection);
    }

    public async Task<CalendarYear> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var calendar = await LoadAsync(cancellationToken);
        return calendar.YearFor(year);
    }

    /// <summary>Replaces a year's exceptions (holidays and make-up working days).</summary>
    public Task PutAsync(int year, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingDays, string source, CancellationToken cancellationToken = default) =>
        PutAsync(year, holidays, workingDays, source, confirmed: true, cancellationToken);

    /// <summary>Replaces a year's exceptions; <paramref name="confirmed"/> false keeps it marked as a proposal (a
    /// generated year nobody has checked against the government's announcement yet).</summary>
    public async Task PutAsync(int year, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingDays, string source, bool confirmed, CancellationToken cancellationToken = default)
    {
        var h = holidays.Distinct().Order().ToArray();
        var w = workingDays.Distinct().Order().ToArray();
        if (h.Concat(w).FirstOrDefault(d => d.Year != year) is { } stray && stray != default)
        {
            throw new StoreException(StoreError.Invalid, $"{stray:yyyy-MM-dd} is not in {year}.", "holidays");
        }

        if (h.Intersect(w).FirstOrDefault() is { } both && both != default)
        {
            throw new StoreException(StoreError.Invalid, $"{both:yyyy-MM-dd} cannot be both a holiday and a working day.", "workingDays");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            insert into calendar_years (year, holidays, working_days, source, confirmed, updated_at)
            values (@year, @h, @w, @source, @confirmed, now())
            on conflict (year) do update set holidays = excluded.holidays, working_days = excluded.working_days,
                source = excluded.source, confirmed = excluded.confirmed, updated_at = now()
            """, new { year, h, w, source, confirmed });
    }

    /// <summary>The years that have a row (entered by an admin or seeded), whatever their source.</summary>
    public async Task<IReadOnlyList<int>> StoredYearsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<int>("select year from calendar_years order by year")];
    }

    private sealed class YearRow
    {
        public int Year { get; init; }
        public DateOnly[] Holidays { get; init; } = [];
        public DateOnly[] WorkingDays { get; init; } = [];
        public string Source { get; init; } = "";
        public bool Confirmed { get; init; }
    }

    /// <summary>One reference, swapped whole, so concurrent steps never see half an update.</summary>
    private sealed record CachedCalendar(string Version, WorkingCalendar Calendar);
}
