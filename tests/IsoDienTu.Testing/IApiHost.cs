namespace IsoDienTu.Testing;

/// <summary>Anything that serves the API: the in-process test host or a real server process.</summary>
public interface IApiHost
{
    ApiClient Client();
}
