using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;
using IsoDienTu.Engine.Tests.Runtime;

namespace IsoDienTu.Engine.Tests.Procedures;

/// <summary>The shipped definitions (<c>definitions/&lt;code&gt;/v1.bpmn</c>) and calendars, copied next to the tests.</summary>
internal static class ProcedureFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Definitions");

    public static IReadOnlyList<string> Codes { get; } =
        [.. Directory.EnumerateDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "v1.bpmn")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var code in Codes)
        {
            data.Add(code);
        }

        return data;
    }

    public static string Xml(string code) => File.ReadAllText(Path.Combine(Root, code, "v1.bpmn"));

    public static BpmnModel Model(string code) => BpmnImporter.Import(Xml(code));

    public static ProcessDefinition Load(string code) => Model(code).Executable!;

    /// <summary>The process with this id, from whichever file defines it (call activities name process ids).</summary>
    public static ProcessDefinition Process(string processId) =>
        Codes.Select(Load).Single(p => p.Key == processId);

    public sealed record CalendarFile(int Year, DateOnly[] Holidays, DateOnly[] WorkingDays, string Source, bool Confirmed, string[]? Notes);

    public static IReadOnlyList<CalendarFile> CalendarFiles { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(Root, "calendars"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<CalendarFile>(File.ReadAllText(f), Json)!)];

    /// <summary>Vietnam's working calendar built from definitions/calendars/*.json, as the server seeds it.</summary>
    public static WorkingCalendar Calendar { get; } = new(CalendarFiles.Select(c =>
        new CalendarYear(c.Year, [.. c.Holidays], [.. c.WorkingDays], c.Source, c.Confirmed)));

    /// <summary>A Vietnam wall-clock instant (+07:00).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}

/// <summary>Plays a dossier through its procedure: each open step is finished when <c>when</c> says with the outcome
/// <c>outcome</c> picks; a call activity (an inter-agency leg) runs its called procedure the same way and hands its
/// variables back, as the server's child dossiers do.</summary>
internal static class Play
{
    public static string? Approve(OpenTask task) => task.Outcomes.IsDefaultOrEmpty ? null : task.Outcomes[0];

    public static DateTimeOffset OnTime(Harness h, OpenTask task) => task.DueAt is { } due && due > h.Now ? due : h.Now;

    /// <summary>Halfway through the step's allotment (a step without one: at once).</summary>
    public static DateTimeOffset Briskly(Harness h, OpenTask task) =>
        task.DueAt is { } due && due > h.Now
            ? h.Calendar.AddWorkingTime(h.Now, h.Calendar.WorkingTimeBetween(h.Now, due) / 2)
            : h.Now;

    public static DateTimeOffset Immediately(Harness h, OpenTask task) => h.Now;

    public static Harness New(string code, DateTimeOffset receivedAt) =>
        new Harness(ProcedureFiles.Load(code), receivedAt, ProcedureFiles.Calendar).Start(receivedAt: receivedAt);

    /// <summary>Runs until the instance ends or <paramref name="stopAt"/> says stop before a step (which stays open).</summary>
    public static Harness ToEnd(
        Harness h,
        Func<OpenTask, string?>? outcome = null,
        Func<Harness, OpenTask, DateTimeOffset>? when = null,
        Func<OpenTask, bool>? stopAt = null)
    {
        outcome ??= Approve;
        when ??= OnTime;
        for (var i = 0; i < 100 && h.State.Status == InstanceStatus.Active; i++)
        {
            if (h.State.Calls.FirstOrDefault() is { } call)
            {
                var child = new Harness(ProcedureFiles.Process(call.CalledElement), h.Now, h.Calendar);
                child.Run(new StartInstance(h.State.Variables, h.Now));
                ToEnd(child, outcome, when);
                child.State.Status.ShouldBe(InstanceStatus.Completed);
                h.AdvanceTo(child.Now);
                h.Run(new CompleteCall(call.Id, child.State.Variables));
                continue;
            }

            var task = h.State.Tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).FirstOrDefault();
            if (task is null || (stopAt?.Invoke(task) ?? false))
            {
                return h;
            }

            h.AdvanceTo(when(h, task));
            var chosen = outcome(task);
            var variables = chosen switch
            {
                "supplement" => new { missingDocuments = new[] { "Bản sao giấy tờ còn thiếu" } },
                _ => null,
            };
            h.Complete(task.ElementId, chosen, variables);
        }

        return h;
    }

    /// <summary>The end event the instance finished on.</summary>
    public static string EndedOn(Harness h) =>
        h.Events.OfType<NodeEntered>().Last(e => h.Definition.Node(e.ElementId) is EndEvent).ElementId;

    public static ImmutableArray<string> SupplementWaits(ProcessDefinition p) =>
        [.. p.Nodes.Values.OfType<IntermediateCatchEvent>().Where(e => e.IsSupplementWait).Select(e => e.Id)];
}
