using IsoDienTu.Engine.Postgres;

namespace IsoDienTu.Server.Api;

/// <summary>
/// Paged lists answer with a plain JSON array (what clients read before paging) and the next page's cursor in the
/// <c>Next-Cursor</c> header, absent on the last page; the client sends it back as <c>after</c>.
/// </summary>
internal static class Paging
{
    public const string NextCursorHeader = "Next-Cursor";

    public static IReadOnlyList<T> Items<T>(HttpResponse response, Page<T> page)
    {
        if (page.Next is { } next)
        {
            response.Headers[NextCursorHeader] = next;
        }

        return page.Items;
    }
}
