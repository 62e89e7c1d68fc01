using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Reads untrusted BPMN text: no DTD, no entity expansion, no external resolution, bounded size.</summary>
internal static class SecureXmlLoader
{
    private const int ChunkSize = 64 * 1024;

    // Readers and rules recurse over nesting; a hostile file must not be able to exhaust the stack.
    private const int MaxDepth = 256;

    public static XmlReaderSettings Settings(long maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // 0 would mean "unlimited" here; with DTDs prohibited no entity can be declared, this is defence in depth.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxBytes,
        CloseInput = false,
    };

    /// <summary>Reads at most <paramref name="maxBytes"/> from the stream and decodes it strictly.</summary>
    public static (string? Text, Diagnostic? Error) ReadText(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static Diagnostic TooLarge(long maxBytes) => new(
        DiagnosticSeverity.Error, DiagnosticCodes.TooLarge, null, null, null,
        $"The document is larger than the {maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes allowed.",
        $"Tệp quy trình lớn hơn giới hạn cho phép ({maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} byte).");

    public static (XDocument? Document, Diagnostic? Error) Parse(string text, long maxBytes, LoadOptions options)
    {
        // Depth is checked in a first streaming pass, so the tree is only built from a document known to be sane.
        var scanned = WithReader(text, maxBytes, Scan);
        return scanned.Error is not null ? (null, scanned.Error) : WithReader(text, maxBytes, r => (XDocument.Load(r, options), null));
    }

    private static (XDocument? Document, Diagnostic? Error) Scan(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.Depth > MaxDepth)
            {
                var info = (IXmlLineInfo)reader;
                return (null, new Diagnostic(
                    DiagnosticSeverity.Error, DiagnosticCodes.NotXml, null, info.LineNumber, info.LinePosition,
                    $"Elements are nested deeper than {MaxDepth} levels.",
                    $"Các phần tử lồng nhau quá {MaxDepth} cấp."));
            }
        }
        return (null, null);
    }

    private static (XDocument? Document, Diagnostic? Error) WithReader(
        string text, long maxBytes, Func<XmlReader, (XDocument?, Diagnostic?)> read)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings(maxBytes));
            return read(reader);
        }
        catch (XmlException ex) when (ex.LineNumber == 0 && text.IndexOf("<!DOCTYPE", StringComparison.Ordinal) is var at and >= 0)
        {
            // The refusal of a DTD carries no position, so point at the declaration ourselves.
            var line = text.AsSpan(0, at).Count('\n') + 1;
            var column = at - text.LastIndexOf('\n', Math.Max(at - 1, 0));
            return (null, new Diagnostic(
                DiagnosticSeverity.Error, DiagnosticCodes.NotXml, null, line, at == 0 ? 1 : column,
                "The file declares a DTD (<!DOCTYPE>); DTDs and entities are refused for security.",
                "Tệp có khai báo DTD (<!DOCTYPE>); vì lý do an toàn, DTD và thực thể (entity) không được phép."));
        }
        catch (XmlException ex)
        {
            return (null, new Diagnostic(
                DiagnosticSeverity.Error, DiagnosticCodes.NotXml, null, ex.LineNumber, ex.LinePosition,
                $"The file is not a well-formed XML document: {ex.Message}",
                $"Tệp không phải là tài liệu XML đúng cú pháp: {ex.Message}"));
        }
    }

    private static (string? Text, Diagnostic? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        Encoding encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var skip = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            skip = 3;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            (encoding, skip) = (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            (encoding, skip) = (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        try
        {
            return (encoding.GetString(bytes[skip..]), null);
        }
        catch (DecoderFallbackException ex)
        {
            var at = Math.Clamp(skip + Math.Max(ex.Index, 0), 0, bytes.Length);
            var before = bytes[..at];
            var line = before.Count((byte)'\n') + 1;
            var column = at - (before.LastIndexOf((byte)'\n') + 1) + 1;
            return (null, new Diagnostic(
                DiagnosticSeverity.Error, DiagnosticCodes.InvalidEncoding, null, line, column,
                $"The file is not valid {encoding.WebName} text: invalid byte sequence.",
                $"Tệp không phải văn bản {encoding.WebName} hợp lệ: có chuỗi byte sai mã hoá."));
        }
    }
}
