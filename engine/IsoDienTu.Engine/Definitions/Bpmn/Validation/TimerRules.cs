using System.Globalization;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Timer durations, dates and cycles must parse now, not when the timer is due.</summary>
internal static class TimerRules
{
    public static void Check(Findings findings)
    {
        foreach (var node in findings.Process.Nodes.Values.OrderBy(n => n.Order))
        {
            var trigger = node switch
            {
                StartEvent e => e.Trigger,
                IntermediateCatchEvent e => e.Trigger,
                BoundaryEvent e => e.Trigger,
                _ => null,
            };
            if (trigger is TimerTrigger timer)
            {
                Check(findings, node, timer);
            }
        }
    }

    private static void Check(Findings findings, FlowNode node, TimerTrigger timer)
    {
        var text = timer.Expression;
        if (text.Length == 0)
        {
            findings.Error(DiagnosticCodes.InvalidTimer, node.Id,
                $"Timer '{Findings.Label(node)}' has no timeDuration, timeDate or timeCycle.",
                $"Bộ hẹn giờ “{Findings.Label(node)}” chưa có thời lượng, thời điểm hoặc chu kỳ.");
            return;
        }
        if (ExpressionRules.IsWrapped(text))
        {
            ExpressionRules.Parse(findings, node.Id, Findings.Label(node), text, "timer expression", "hẹn giờ");
            return;
        }

        string? error = null;
        var valid = timer.Kind switch
        {
            TimerKind.Duration => WorkingDuration.TryParse(text, out _) || (!timer.WorkingTime && IsoDuration.TryParse(text, out _)),
            TimerKind.Date => IsIsoDate(text),
            _ => TimerCycle.TryParse(text, out _, out error),
        };
        if (!valid)
        {
            var (what, whatVi, example) = timer.Kind switch
            {
                TimerKind.Duration => ("duration", "thời lượng", "PT4H, P2D"),
                TimerKind.Date => ("date", "thời điểm", "2026-01-31T08:00:00+07:00"),
                _ => ("cycle", "chu kỳ", "R3/PT1H"),
            };
            var detail = error is null ? "" : $" ({error})";
            findings.Error(DiagnosticCodes.InvalidTimer, node.Id,
                $"Timer '{Findings.Label(node)}': '{text}' is not a valid ISO 8601 {what}{detail}; for example {example}.",
                $"Bộ hẹn giờ “{Findings.Label(node)}”: {whatVi} “{text}” không đúng định dạng ISO 8601{detail}; ví dụ {example}.");
        }
    }

    /// <summary>ISO 8601 only ("2026-01-31T08:00:00+07:00"): a culture-style "1/2/2026" is ambiguous between readers.</summary>
    private static bool IsIsoDate(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
