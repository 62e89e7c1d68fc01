using System.Globalization;
using System.Text.RegularExpressions;

namespace IsoDienTu.Engine.Calendar;

/// <summary>
/// A BPMN <c>timeCycle</c>: an ISO-8601 repeating interval (<c>R/PT1H</c>, <c>R3/PT10M</c>,
/// <c>R/2025-01-01T08:00:00+07:00/P1D</c>) or a Quartz-style cron expression (<c>0 0/5 * * * ?</c>) evaluated in
/// Vietnam wall time (UTC+7). Returned instants carry offset +07:00.
/// </summary>
public sealed partial record TimerCycle
{
    private readonly CronSchedule? _cron;

    private TimerCycle(string text, int? repetitions, IsoDuration? interval, DateTimeOffset? start, CronSchedule? cron)
    {
        Text = text;
        Repetitions = repetitions;
        Interval = interval;
        Start = start;
        _cron = cron;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>How many times the timer fires; null = unbounded (also for cron).</summary>
    public int? Repetitions { get; }

    /// <summary>The repeat interval of an ISO cycle; null for cron.</summary>
    public IsoDuration? Interval { get; }

    /// <summary>The first occurrence of a start-dated ISO cycle.</summary>
    public DateTimeOffset? Start { get; }

    public bool IsCron => _cron is not null;

    public static bool TryParse(string text, out TimerCycle? cycle, out string? error)
    {
        cycle = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a timer cycle is required (e.g. R/PT1H or 0 0/5 * * * ?)";
            return false;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('R'))
        {
            if (!CronSchedule.TryParse(trimmed, out var cron, out error))
            {
                error = $"'{text}' is neither an ISO-8601 repeating interval (R/...) nor a valid cron expression: {error}";
                return false;
            }

            cycle = new TimerCycle(trimmed, null, null, null, cron);
            return true;
        }

        var parts = trimmed.Split('/');
        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                error = $"'{text}': 'R' must be followed by a repetition count or '/'";
                return false;
            }

            repetitions = count;
        }

        DateTimeOffset? start = null;
        string durationText;
        switch (parts.Length)
        {
            case 2:
                durationText = parts[1];
                break;
            case 3 when TryParseInstant(parts[1], out var first):
                start = first;
                durationText = parts[2];
                break;
            case 3:
                error = $"'{text}': only R[n]/duration and R[n]/start/duration are supported, and the start must be an ISO-8601 date-time";
                return false;
            default:
                error = $"'{text}': expected R[n]/duration or R[n]/start/duration";
                return false;
        }

        if (!IsoDuration.TryParse(durationText, out var interval, out error))
        {
            error = $"'{text}': {error}";
            return false;
        }

        if (interval.IsZero)
        {
            error = $"'{text}': the repeat interval must be longer than zero";
            return false;
        }

        cycle = new TimerCycle(trimmed, repetitions, interval, start, null);
        return true;
    }

    public static TimerCycle Parse(string text) =>
        TryParse(text, out var cycle, out var error) ? cycle! : throw new FormatException($"Invalid timer cycle: {error}.");

    /// <summary>
    /// The next due time strictly after <paramref name="previousOrStart"/> (the last firing, or the moment the
    /// timer was armed), or null once <paramref name="firedCount"/> has reached <see cref="Repetitions"/>.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset previousOrStart, int firedCount)
    {
        if (Repetitions is { } limit && firedCount >= limit)
        {
            return null;
        }

        if (_cron is not null)
        {
            return _cron.NextAfter(previousOrStart);
        }

        var interval = Interval!.Value;
        var previous = VietnamTime.ToLocal(previousOrStart);
        if (Start is not { } startValue)
        {
            return interval.AddTo(previous);
        }

        var start = VietnamTime.ToLocal(startValue);
        if (start > previous)
        {
            return start;
        }

        // Occurrences are start + k·interval; jump near k, then step, so month lengths never drift.
        var k = Math.Max(0, (long)((previous - start).Ticks / (double)interval.ApproximateLength.Ticks) - 2);
        var next = interval.AddTo(start, k);
        while (next <= previous)
        {
            next = interval.AddTo(start, ++k);
        }

        return next;
    }

    public override string ToString() => Text;

    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (!IsoDateTime().IsMatch(text))
        {
            return false;
        }

        if (OffsetSuffix().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }

        // Without an offset the date-time is Vietnam wall time.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return false;
        }

        instant = new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), VietnamTime.Offset);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();
}
