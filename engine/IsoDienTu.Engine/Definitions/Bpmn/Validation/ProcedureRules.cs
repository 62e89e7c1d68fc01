using System.Globalization;

namespace IsoDienTu.Engine.Definitions;

/// <summary>The procedure's own <c>iso:</c> attributes, and whether its steps fit in its statutory deadline.</summary>
internal static class ProcedureRules
{
    public static void Check(Findings findings, double hoursPerWorkingDay)
    {
        var process = findings.Process;
        var procedure = process.Procedure;
        var name = process.Name ?? process.Key;
        var attributes = procedure.Attributes;

        if (procedure.Deadline is null && attributes.TryGetValue("deadline", out var deadline))
        {
            findings.Error(DiagnosticCodes.InvalidDeadline, process.Key,
                $"Process '{name}': iso:deadline '{deadline}' is not a working-time duration such as P15D.",
                $"Quy trình “{name}”: thời hạn giải quyết iso:deadline “{deadline}” không hợp lệ; hãy ghi dạng P15D (15 ngày làm việc).");
        }
        if (procedure.Cutoff is null && attributes.TryGetValue("cutoff", out var cutoff))
        {
            findings.Error(DiagnosticCodes.InvalidCutoff, process.Key,
                $"Process '{name}': iso:cutoff '{cutoff}' is not a time of day such as 15:00.",
                $"Quy trình “{name}”: giờ chốt tiếp nhận iso:cutoff “{cutoff}” không hợp lệ; hãy ghi dạng 15:00.");
        }
        if (attributes.TryGetValue("supplementClock", out var clock) && !IsoValues.TryParseSupplementClock(clock, out _))
        {
            findings.Error(DiagnosticCodes.InvalidSupplementClock, process.Key,
                $"Process '{name}': iso:supplementClock '{clock}' must be 'restart' or 'pause'.",
                $"Quy trình “{name}”: iso:supplementClock “{clock}” chỉ được là “restart” (tính lại từ đầu) hoặc “pause” (tạm dừng).");
        }

        if (procedure.Deadline is { } limit)
        {
            var budget = DeadlineBudget.Compute(process, hoursPerWorkingDay);
            var allowed = DeadlineBudget.Allowed(limit, hoursPerWorkingDay);
            if (budget > allowed)
            {
                var b = budget.ToString("0.##", CultureInfo.InvariantCulture);
                var a = allowed.ToString("0.##", CultureInfo.InvariantCulture);
                findings.Warning(DiagnosticCodes.BudgetExceedsDeadline, process.Key,
                    $"Process '{name}': the step allotments on the longest path add up to {b} working hours, more than the {a} working hours of iso:deadline.",
                    $"Quy trình “{name}”: tổng thời hạn các bước trên nhánh dài nhất là {b} giờ làm việc, vượt thời hạn giải quyết {a} giờ làm việc (iso:deadline).");
            }
        }
    }
}
