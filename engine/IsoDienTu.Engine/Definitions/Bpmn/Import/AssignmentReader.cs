using System.Xml.Linq;
using static IsoDienTu.Engine.Definitions.BpmnXml;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Who may do a user task: <c>iso:unit</c>/<c>iso:role</c>, vendor attributes, and BPMN resource roles.</summary>
internal static class AssignmentReader
{
    public static Assignment Read(XElement task)
    {
        var groups = IsoValues.List(Vendor(task, "candidateGroups") ?? Zeebe(task, "assignmentDefinition", "candidateGroups")).ToBuilder();
        var users = IsoValues.List(Vendor(task, "candidateUsers") ?? Zeebe(task, "assignmentDefinition", "candidateUsers")).ToBuilder();
        var assignee = IsoValues.NullIfBlank(Vendor(task, "assignee") ?? Zeebe(task, "assignmentDefinition", "assignee"));

        foreach (var owner in Children(task, "potentialOwner"))
        {
            foreach (var item in IsoValues.List(Formal(owner)))
            {
                // Camunda's convention for potentialOwner: "user(x)" names a user, "group(x)" or a bare name a group.
                if (Unwrap(item, "user(") is { } user)
                {
                    users.Add(user);
                }
                else
                {
                    groups.Add(Unwrap(item, "group(") ?? item);
                }
            }
        }
        assignee ??= Children(task, "humanPerformer").Select(Formal).FirstOrDefault(t => t is not null);

        var assignment = new Assignment
        {
            Unit = IsoValues.NullIfBlank(IsoAttr(task, "unit")),
            Role = IsoValues.NullIfBlank(IsoAttr(task, "role")),
            Assignee = assignee,
            CandidateGroups = groups.ToImmutable(),
            CandidateUsers = users.ToImmutable(),
        };
        return assignment.IsEmpty ? Assignment.None : assignment;
    }

    private static string? Formal(XElement resourceRole) =>
        Text(resourceRole.Element(Model + "resourceAssignmentExpression")?.Element(Model + "formalExpression"));

    private static string? Unwrap(string item, string prefix) =>
        item.StartsWith(prefix, StringComparison.Ordinal) && item.EndsWith(')')
            ? IsoValues.NullIfBlank(item[prefix.Length..^1])
            : null;
}
