using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// The keyset of the lists in due order: the (due time, id) of the last row of a page, opaque to clients (base64url
/// of "ticks.id", "n.id" when the row has no due time). Reading after it is an index range, so a page costs the rows it
/// returns however deep it is.
/// </summary>
public readonly record struct PageCursor(DateTimeOffset? DueAt, long Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Before the first row: every due time is after year 1 and every id above 0.</summary>
    public static PageCursor Start { get; } = new(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), 0);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{(DueAt is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : "n")}.{Id}")));

    /// <summary>The cursor a client sent back (null: from the start); anything else than one we issued is a 400 on <paramref name="field"/>.</summary>
    public static PageCursor Parse(string? cursor, string field = "after")
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return Start;
        }

        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid(field);
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw Invalid(field);
        }

        var due = text[..dot];
        if (due == "n")
        {
            return new PageCursor(null, id);
        }

        return long.TryParse(due, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw Invalid(field);
    }

    /// <summary>The page size asked for: <see cref="DefaultLimit"/> when absent, 1 to <see cref="MaxLimit"/>.</summary>
    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new StoreException(StoreError.Invalid, $"'limit' is 1 to {MaxLimit}.", "limit"),
    };

    /// <summary>The page from rows read with one more than <paramref name="limit"/>: that extra row says there is a next page.</summary>
    internal static Page<T> PageOf<T>(IReadOnlyList<T> rows, int limit, Func<T, PageCursor> key) =>
        rows.Count > limit ? new Page<T>([.. rows.Take(limit)], key(rows[limit - 1]).ToString()) : new Page<T>(rows, null);

    private static StoreException Invalid(string field) =>
        new(StoreError.Invalid, $"'{field}' is not a cursor this service issued; start again without it.", field);
}
