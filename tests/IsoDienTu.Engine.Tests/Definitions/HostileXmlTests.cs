using System.Diagnostics;
using System.Text;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>Uploaded files are untrusted: every attack or mistake becomes an error diagnostic, never a crash or hang.</summary>
public class HostileXmlTests
{
    [Fact]
    public void Import_ExternalEntity_RefusedWithoutReadingTheFile()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <process id="p" name="&xxe;" />
            </definitions>
            """;

        var model = BpmnImporter.Import(xml);

        ShouldFailWith(model, DiagnosticCodes.NotXml);
        model.Diagnostics[0].Line.ShouldBe(2);
        model.Diagnostics.ShouldNotContain(d => d.Message.Contains("root:", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_BillionLaughs_RefusedQuickly()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [{entities}]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&lol9;" /></definitions>
            """;

        var watch = Stopwatch.StartNew();
        var model = BpmnImporter.Import(xml);

        ShouldFailWith(model, DiagnosticCodes.NotXml);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Import_SixtyMegabyteStream_StopsAtTheCapWithoutReadingItAll()
    {
        using var stream = new EndlessXmlStream(60L * 1024 * 1024);

        var model = BpmnImporter.Import(stream);

        ShouldFailWith(model, DiagnosticCodes.TooLarge);
        stream.Position.ShouldBeLessThanOrEqualTo(BpmnImportOptions.Default.MaxBytes + 64 * 1024);
    }

    [Fact]
    public void Import_StringOverTheCap_Refused()
    {
        var model = BpmnImporter.Import(BpmnText.Linear("<task id=\"t\" />"), new BpmnImportOptions { MaxBytes = 100 });

        ShouldFailWith(model, DiagnosticCodes.TooLarge);
    }

    [Theory]
    [InlineData("this is not XML at all")]
    [InlineData("")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">")]
    public void Import_NotXml_ErrorWithPosition(string text)
    {
        var model = BpmnImporter.Import(text);

        ShouldFailWith(model, DiagnosticCodes.NotXml);
        model.Diagnostics[0].Line.ShouldNotBeNull();
    }

    [Fact]
    public void Import_XmlButNotBpmn_Error()
    {
        ShouldFailWith(BpmnImporter.Import("<html><body /></html>"), DiagnosticCodes.NotBpmn);
    }

    [Fact]
    public void Import_InvalidUtf8Bytes_ErrorWithLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes(BpmnText.Linear("<task id=\"t\" name=\"XX\" />")).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // 0xC3 must be followed by a continuation byte (0x80–0xBF)
        using var stream = new MemoryStream([.. bytes]);

        var model = BpmnImporter.Import(stream);

        ShouldFailWith(model, DiagnosticCodes.InvalidEncoding);
        var expectedLine = bytes.Take(at).Count(b => b == (byte)'\n') + 1;
        model.Diagnostics[0].Line.ShouldBe(expectedLine);
        model.Diagnostics[0].Column.ShouldNotBeNull();
    }

    [Fact]
    public void Import_DeeplyNestedElements_RefusedWithoutStackOverflow()
    {
        var xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\">"
            + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"<subProcess id=\"s{i}\">"))
            + string.Concat(Enumerable.Repeat("</subProcess>", 100_000))
            + "</process></definitions>";

        ShouldFailWith(BpmnImporter.Import(xml), DiagnosticCodes.NotXml);
    }

    [Fact]
    public void Import_FlowToMissingElement_ErrorNamesTheFlow()
    {
        var model = BpmnImporter.Import(BpmnText.Process("""
            <startEvent id="start" />
            <sequenceFlow id="toNowhere" sourceRef="start" targetRef="ghost" />
            """));

        var diagnostic = model.Diagnostics.Single(d => d.Code == DiagnosticCodes.FlowEndpointMissing);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.ElementId.ShouldBe("toNowhere");
        diagnostic.Line.ShouldBe(9);
        diagnostic.MessageVi.ShouldContain("ghost");
        model.HasErrors.ShouldBeTrue();
    }

    private static void ShouldFailWith(BpmnModel model, string code)
    {
        model.HasErrors.ShouldBeTrue();
        model.Processes.ShouldBeEmpty();
        model.Diagnostics.ShouldContain(d => d.Code == code && d.Severity == DiagnosticSeverity.Error && d.MessageVi.Length > 0);
    }

    /// <summary>A well-formed-looking document that goes on for <c>length</c> bytes, generated as it is read.</summary>
    private sealed class EndlessXmlStream(long length) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">");
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[offset + i] = p < Head.Length ? Head[p] : (byte)' ';
            }
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
