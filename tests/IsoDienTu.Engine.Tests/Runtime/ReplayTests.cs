using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests.Runtime;

/// <summary>
/// Recorded journals replayed through today's interpreter. The fixtures under Fixtures/histories were recorded once
/// (set ISODIENTU_RECORD_HISTORIES=1 to re-record after an intended change); a change to the engine that would
/// alter how dossiers already in flight continue makes these fail.
/// </summary>
public class ReplayTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    public static TheoryData<string> Histories => new() { "licence-supplement-restart", "licence-happy-path", "mi-escalation" };

    [Theory]
    [MemberData(nameof(Histories))]
    public void RecordedHistory_ReplaysToTheStoredState(string name)
    {
        if (Environment.GetEnvironmentVariable("ISODIENTU_RECORD_HISTORIES") == "1")
        {
            Record(name);
        }

        var definition = LoadDefinition(name);
        var history = EngineJson.Deserialize<RecordedHistory>(File.ReadAllText(Fixtures.Path("histories", $"{name}.history.json")));
        var stored = File.ReadAllText(Fixtures.Path("histories", $"{name}.state.json"));

        var replayed = Replayer.Replay(definition, history, new IsoDienTu.Engine.Calendar.WorkingCalendar([]));

        EngineJson.Serialize(replayed, indented: true).ReplaceLineEndings().ShouldBe(stored.ReplaceLineEndings().TrimEnd());
        history.Entries.Length.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void Replay_WhenTheModelChangesUnderAnInstance_ReportsTheDivergence()
    {
        var history = EngineJson.Deserialize<RecordedHistory>(File.ReadAllText(Fixtures.Path("histories", "licence-happy-path.history.json")));
        var changed = Harness.FromXml(Procedures.Licence().Replace("iso:allotment=\"P1D\"", "iso:allotment=\"P2D\"", StringComparison.Ordinal)).Definition;

        Should.Throw<ReplayMismatchException>(() => Replayer.Replay(changed, history, new IsoDienTu.Engine.Calendar.WorkingCalendar([])));
    }

    [Fact]
    public void Journal_RoundTripsThroughJson_AndReplaysToTheSameState()
    {
        var h = Scenario("licence-supplement-restart");
        var (state, history) = Replayer.Record(h.Definition, InstanceState.New("i-1", h.Definition.Key, 1), h.Commands, h.Calendar);

        var json = EngineJson.Serialize(history);
        var replayed = Replayer.Replay(h.Definition, EngineJson.Deserialize<RecordedHistory>(json), h.Calendar);

        EngineJson.Serialize(replayed).ShouldBe(EngineJson.Serialize(state));
        EngineJson.Serialize(state).ShouldBe(EngineJson.Serialize(h.State));
    }

    private static ProcessDefinition LoadDefinition(string name) => name switch
    {
        "mi-escalation" => Harness.FromFixture("12-escalation-noninterrupting-boundary-on-mi-subprocess.bpmn").Definition,
        _ => Harness.FromXml(Procedures.Licence()).Definition,
    };

    private static Harness Scenario(string name)
    {
        var monday = new DateTimeOffset(2026, 2, 9, 8, 0, 0, Vn); // the week before Tết 2026
        switch (name)
        {
            case "licence-supplement-restart":
            {
                var h = Harness.FromXml(Procedures.Licence(), monday).Start(new { applicant = new { name = "Nguyễn Văn A" } });
                h.Complete("reception").Advance(TimeSpan.FromHours(3)).Complete("examine", "supplement");
                h.AdvanceTo(monday.AddDays(16)).Message("supplement", new { documents = new[] { "Bản sao CCCD" } });
                h.Complete("examine", "approve").Complete("sign", "approve");
                return h;
            }

            case "licence-happy-path":
            {
                var h = Harness.FromXml(Procedures.Licence(), monday).Start();
                h.Complete("reception").Advance(TimeSpan.FromHours(5)).Complete("examine", "approve");
                h.Complete("sign", "approve").Advance(TimeSpan.FromDays(1)).Complete("tax").Complete("handOver");
                return h;
            }

            default:
            {
                var h = Harness.FromFixture("12-escalation-noninterrupting-boundary-on-mi-subprocess.bpmn", monday).Start();
                h.Complete(h.State.Tasks[0]).Complete(h.State.Tasks[0]).Complete(h.State.Tasks[3]);
                return h;
            }
        }
    }

    private static void Record(string name)
    {
        var h = Scenario(name);
        var (state, history) = Replayer.Record(h.Definition, InstanceState.New("i-1", h.Definition.Key, 1), h.Commands, h.Calendar);
        var dir = Path.Combine(SourceRoot(), "tests", "IsoDienTu.Engine.Tests", "Fixtures", "histories");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"{name}.history.json"), EngineJson.Serialize(history, indented: true) + "\n");
        File.WriteAllText(Path.Combine(dir, $"{name}.state.json"), EngineJson.Serialize(state, indented: true) + "\n");
        File.Copy(Path.Combine(dir, $"{name}.history.json"), Fixtures.Path("histories", $"{name}.history.json"), overwrite: true);
        File.Copy(Path.Combine(dir, $"{name}.state.json"), Fixtures.Path("histories", $"{name}.state.json"), overwrite: true);
    }

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IsoDienTu.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IsoDienTu.sln not found above the test output.");
    }
}
