using System.Globalization;
using System.Xml.Linq;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Procedures;

/// <summary>Every shipped definition imports cleanly, fits its statutory deadline, carries its legal basis and a
/// readable diagram; the calendars are the announced schedules (2027 a proposal, unconfirmed).</summary>
public class DefinitionFileTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    // The demo organisation's units (engine/IsoDienTu.Server/Hosting/DemoSeeder.cs).
    private static readonly string[] Units = ["UBND", "TTHCC", "SXD", "STNMT", "SVHTT", "CA", "UBNDXA", "VPDK", "THUE", "SYT", "STC", "CAXA"];
    private static readonly string[] Roles = ["receiver", "specialist", "head", "leader", "clerk"];

    public static TheoryData<string> All() => ProcedureFiles.All();

    [Fact]
    public void AtLeastTenProcedures_AtCommuneAndProvinceLevel_AndTheInterAgencyGroup()
    {
        var processes = ProcedureFiles.Codes.Select(ProcedureFiles.Load).ToList();
        processes.Count.ShouldBeGreaterThanOrEqualTo(10);
        processes.Select(p => p.Procedure.Level).ShouldContain("commune");
        processes.Select(p => p.Procedure.Level).ShouldContain("province");
        processes.Select(p => p.Procedure.Level).ShouldContain("interAgency");
        processes.ShouldContain(p => p.Procedure.Cutoff == new TimeOnly(15, 0) && p.Procedure.Deadline!.Value.IsZero);
        processes.ShouldContain(p => p.Nodes.Values.Any(n => n.ClockExcluded));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Imports_WithNoErrorsAndNoWarnings(string code)
    {
        var model = ProcedureFiles.Model(code);
        model.Diagnostics.ShouldBeEmpty(string.Join("\n", model.Diagnostics));
        var process = model.Executable.ShouldNotBeNull();
        process.Key.ShouldBe(code); // the folder is named after the process id
    }

    [Theory]
    [MemberData(nameof(All))]
    public void StepAllotments_FitTheStatutoryDeadline(string code)
    {
        var process = ProcedureFiles.Load(code);
        var deadline = process.Procedure.Deadline.ShouldNotBeNull();
        DeadlineBudget.Compute(process).ShouldBeLessThanOrEqualTo(DeadlineBudget.Allowed(deadline));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void CarriesLegalBasis_Documentation_AndRealAssignments(string code)
    {
        var process = ProcedureFiles.Load(code);
        process.Procedure.LegalBasis.ShouldNotBeNullOrWhiteSpace();
        process.Procedure.ProcedureCode.ShouldNotBeNullOrWhiteSpace();
        process.Procedure.Attributes.Keys.ShouldContain("agency");
        process.Procedure.Attributes.Keys.ShouldContain("documents");
        process.Procedure.Attributes.Keys.ShouldContain("fee");

        var xml = XDocument.Parse(ProcedureFiles.Xml(code));
        var documentation = xml.Root!.Element(Bpmn + "process")!.Element(Bpmn + "documentation")!.Value;
        documentation.ShouldContain("Căn cứ pháp lý");
        documentation.ShouldContain("[I]"); // what is inferred is said so

        foreach (var task in process.Nodes.Values.OfType<UserTask>())
        {
            Units.ShouldContain(task.Assignment.Unit!, $"{code}/{task.Id}");
            Roles.ShouldContain(task.Assignment.Role!, $"{code}/{task.Id}");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Diagram_LaysOutEveryElement_LeftToRight_WithoutOverlap(string code)
    {
        var xml = XDocument.Parse(ProcedureFiles.Xml(code));
        var process = ProcedureFiles.Load(code);
        var shapes = xml.Descendants(Di + "BPMNShape").ToDictionary(
            s => (string)s.Attribute("bpmnElement")!,
            s => s.Element(Dc + "Bounds")!);
        var edges = xml.Descendants(Di + "BPMNEdge").Select(e => (string)e.Attribute("bpmnElement")!).ToHashSet(StringComparer.Ordinal);

        shapes.Keys.ShouldBe(process.Nodes.Keys, ignoreOrder: true);
        edges.ShouldBe(process.Flows.Keys, ignoreOrder: true);

        var boxes = shapes.Values.Select(b => (X: N(b, "x"), Y: N(b, "y"), W: N(b, "width"), H: N(b, "height"))).ToList();
        boxes.ShouldAllBe(b => b.X > 0 && b.Y > 0 && b.W > 0 && b.H > 0);
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                overlap.ShouldBeFalse($"{code}: two shapes overlap");
            }
        }

        // Left to right: the start is the leftmost shape and the normal end the rightmost.
        N(shapes["start"], "x").ShouldBe(boxes.Min(b => b.X));
        N(shapes["end"], "x").ShouldBe(boxes.Max(b => b.X));
    }

    [Fact]
    public void ProcessIds_AreUnique_AndEveryCalledProcessIsShipped()
    {
        var processes = ProcedureFiles.Codes.Select(ProcedureFiles.Load).ToList();
        processes.Select(p => p.Key).ShouldBeUnique();
        var called = processes.SelectMany(p => p.Nodes.Values.OfType<CallActivity>()).Select(c => c.CalledElement).ToList();
        called.ShouldBe(["LT-HKD", "LT-ANTT", "LT-KARAOKE"], ignoreOrder: true);
        called.ShouldAllBe(c => processes.Any(p => p.Key == c));
    }

    [Fact]
    public void Calendars_2025And2026AreOfficial_2027IsTheUnconfirmedProposal()
    {
        var files = ProcedureFiles.CalendarFiles.ToDictionary(c => c.Year);
        files.Keys.ShouldBe([2025, 2026, 2027]);
        files[2025].Confirmed.ShouldBeTrue();
        files[2026].Confirmed.ShouldBeTrue();
        files[2025].WorkingDays.ShouldBe([new DateOnly(2025, 4, 26)]);
        files[2026].WorkingDays.ShouldBe([new DateOnly(2026, 8, 22)]);
        files[2026].Source.ShouldContain("9859/VPCP-KGVX");

        var proposal = VietnamHolidays.Propose(2027);
        files[2027].Confirmed.ShouldBeFalse();
        files[2027].Holidays.ShouldBe([.. proposal.Holidays]);
        files[2027].WorkingDays.ShouldBeEmpty();
        files[2027].Source.ShouldBe(proposal.Source);

        var calendar = ProcedureFiles.Calendar;
        // Tết 2026: the break is 14–22/2; Monday 23/2 is a working day again.
        Enumerable.Range(14, 9).ShouldAllBe(d => !calendar.IsWorkingDay(new DateOnly(2026, 2, d)));
        calendar.IsWorkingDay(new DateOnly(2026, 2, 23)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 8, 22)).ShouldBeTrue(); // make-up Saturday
        calendar.IsWorkingDay(new DateOnly(2026, 8, 31)).ShouldBeFalse(); // swapped Monday
    }

    private static double N(XElement bounds, string attribute) =>
        double.Parse((string)bounds.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
