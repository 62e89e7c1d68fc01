using IsoDienTu.Engine.Expressions;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Expressions are parsed at import so a typo fails when the designer saves, not when a dossier arrives.</summary>
internal static class ExpressionRules
{
    public static void Check(Findings findings)
    {
        var process = findings.Process;
        foreach (var flow in process.Flows.Values.Where(f => f.Condition is not null))
        {
            Parse(findings, flow.Id, flow.Name ?? flow.Id, flow.Condition!, "condition", "điều kiện");
        }

        foreach (var node in process.Nodes.Values.OrderBy(n => n.Order))
        {
            if (node is Activity { MultiInstance: { } mi })
            {
                if (mi.LoopCardinality is { } cardinality && !int.TryParse(cardinality, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    Parse(findings, node.Id, Findings.Label(node), cardinality, "loop cardinality", "số lần lặp (loopCardinality)");
                }
                if (mi.Collection is { } collection)
                {
                    Parse(findings, node.Id, Findings.Label(node), collection, "collection", "danh sách lặp (collection)");
                }
                if (mi.CompletionCondition is { } completion)
                {
                    Parse(findings, node.Id, Findings.Label(node), completion, "completion condition", "điều kiện hoàn thành");
                }
            }
            if (node is UserTask task)
            {
                if (task.Assignment.Assignee is { } assignee && IsWrapped(assignee))
                {
                    Parse(findings, node.Id, Findings.Label(node), assignee, "assignee", "người thực hiện (assignee)");
                }
                if (task.DueDate is { } due && IsWrapped(due))
                {
                    Parse(findings, node.Id, Findings.Label(node), due, "due date", "hạn xử lý (dueDate)");
                }
            }
        }
    }

    /// <summary>Text that is an expression rather than a literal value (a user name, a date).</summary>
    public static bool IsWrapped(string text) =>
        text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal)
        || text.TrimStart().StartsWith('=');

    public static void Parse(Findings findings, string elementId, string display, string text, string what, string whatVi)
    {
        if (Expression.TryParse(text, out _, out var error))
        {
            return;
        }
        var position = error is null ? "" : $" at position {error.Position}";
        var positionVi = error is null ? "" : $" tại vị trí {error.Position}";
        var detail = error is null ? "" : $": {error.Message}";
        findings.Error(DiagnosticCodes.InvalidExpression, elementId,
            $"'{display}': the {what} '{text}' cannot be parsed{position}{detail}.",
            $"“{display}”: biểu thức {whatVi} “{text}” viết sai{positionVi}{detail}.");
    }
}
