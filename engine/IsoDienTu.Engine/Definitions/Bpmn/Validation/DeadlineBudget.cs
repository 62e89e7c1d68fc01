using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Definitions;

/// <summary>How much working time the steps of a procedure may take at most, to compare with its statutory deadline.</summary>
public static class DeadlineBudget
{
    /// <summary>Sum of user-task allotments along the longest path from a start to an end, in working hours. Loops
    /// count once (back edges are ignored); a sub-process counts its own longest inner path; nodes outside the
    /// statutory clock (<c>iso:clock="excluded"</c>) count nothing; a boundary event continues its host's path.</summary>
    public static double Compute(ProcessDefinition process, double hoursPerWorkingDay = 8)
    {
        ArgumentNullException.ThrowIfNull(process);
        var graph = new BudgetGraph(process, hoursPerWorkingDay);
        return graph.Longest(null);
    }

    /// <summary>The working hours a statutory deadline allows the steps. A same-day deadline (<c>P0D</c>, "within
    /// the day of receipt", with or without a cut-off) allows one working day: its steps share the day.</summary>
    public static double Allowed(WorkingDuration deadline, double hoursPerWorkingDay = 8) =>
        deadline.IsZero ? hoursPerWorkingDay : deadline.TotalWorkingHours(hoursPerWorkingDay);
}
