namespace IsoDienTu.Engine.Definitions;

/// <summary>Every user task needs someone responsible (ISO "rõ người") and, when budgeted, a valid allotment.</summary>
internal static class AssignmentRules
{
    public static void Check(Findings findings)
    {
        foreach (var task in findings.Process.Nodes.Values.OfType<UserTask>().OrderBy(t => t.Order))
        {
            var assignment = task.Assignment;
            if (assignment.IsEmpty)
            {
                // An administrative procedure must say who does each step; a model from another engine keeps
                // running unchanged (its unassigned tasks go to supervisors), so there it is only a warning.
                var report = IsProcedure(findings.Process) ? (Action<string, string?, string, string>)findings.Error : findings.Warning;
                report(DiagnosticCodes.NoAssignment, task.Id,
                    $"User task '{Findings.Label(task)}' is assigned to nobody: set iso:role (and iso:unit), candidate groups or an assignee.",
                    $"Bước “{Findings.Label(task)}” chưa có vai trò (iso:role): hãy chỉ định vai trò (và đơn vị iso:unit), nhóm ứng viên hoặc người thực hiện.");
            }
            else if (assignment.Unit is not null && assignment.Role is null)
            {
                findings.Error(DiagnosticCodes.UnitWithoutRole, task.Id,
                    $"User task '{Findings.Label(task)}' names unit '{assignment.Unit}' but no role (iso:role) within it.",
                    $"Bước “{Findings.Label(task)}” có đơn vị “{assignment.Unit}” nhưng chưa có vai trò (iso:role) trong đơn vị đó.");
            }

            if (task.Allotment is null && task.IsoAttributes.TryGetValue("allotment", out var allotment))
            {
                findings.Error(DiagnosticCodes.InvalidAllotment, task.Id,
                    $"User task '{Findings.Label(task)}': iso:allotment '{allotment}' is not a working-time duration such as P2D or PT4H.",
                    $"Bước “{Findings.Label(task)}”: thời hạn xử lý iso:allotment “{allotment}” không hợp lệ; hãy ghi dạng P2D (2 ngày làm việc) hoặc PT4H (4 giờ làm việc).");
            }
        }
    }

    private static bool IsProcedure(ProcessDefinition process) =>
        process.Procedure.ProcedureCode is not null || process.Procedure.Deadline is not null;
}
