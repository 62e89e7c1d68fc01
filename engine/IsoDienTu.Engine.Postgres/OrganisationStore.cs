using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace IsoDienTu.Engine.Postgres;

public sealed record UnitRow
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ParentCode { get; init; }
}

public sealed record UserRow
{
    public string Username { get; init; } = "";
    public string FullName { get; init; } = "";
    public string? UnitCode { get; init; }
    public string[] Roles { get; init; } = [];
}

/// <summary>Units (a tree), users and their roles; passwords kept as salted PBKDF2 hashes.</summary>
public sealed class OrganisationStore(NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlyList<string> KnownRoles = ["admin", "designer", "receiver", "specialist", "head", "leader", "supervisor", "clerk"];

    private const int Iterations = 100_000;

    public async Task<UnitRow> AddUnitAsync(string code, string name, string? parentCode, CancellationToken cancellationToken = default)
    {
        Require(code, "code");
        Require(name, "name");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleAsync<UnitRow>(
                "insert into units (code, name, parent_code) values (@code, @name, @parentCode) returning code, name, parent_code",
                new { code, name, parentCode });
        }
        catch (PostgresException e)
        {
            throw StoreException.Translate(e);
        }
    }

    public async Task<UserRow> AddUserAsync(string username, string password, string fullName, string? unitCode, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        Require(username, "username");
        Require(fullName, "fullName");
        if (string.IsNullOrEmpty(password) || password.Length < 6)
        {
            throw new StoreException(StoreError.Invalid, "The password needs at least 6 characters.", "password");
        }

        if (roles.FirstOrDefault(r => !KnownRoles.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            throw new StoreException(StoreError.Invalid, $"Unknown role '{unknown}'. Roles: {string.Join(", ", KnownRoles)}.", "roles");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await connection.QuerySingleAsync<UserRow>("""
                insert into users (username, password_hash, full_name, unit_code, roles)
                values (@username, @hash, @fullName, @unitCode, @roles)
                returning username, full_name, unit_code, roles
                """, new { username, hash = HashPassword(password), fullName, unitCode, roles = roles.ToArray() });
        }
        catch (PostgresException e)
        {
            throw StoreException.Translate(e);
        }
    }

    public async Task<UserRow?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var hash = await connection.ExecuteScalarAsync<string?>("select password_hash from users where username = @username", new { username });
        return hash is not null && VerifyPassword(password, hash) ? await FindUserAsync(connection, username) : null;
    }

    public static Task<UserRow?> FindUserAsync(NpgsqlConnection connection, string username) =>
        connection.QuerySingleOrDefaultAsync<UserRow>("select username, full_name, unit_code, roles from users where username = @username", new { username });

    public async Task<IReadOnlyList<UnitRow>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<UnitRow>("select code, name, parent_code from units order by code")];
    }

    public async Task<IReadOnlyList<UserRow>> UsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<UserRow>("select username, full_name, unit_code, roles from users order by username")];
    }

    /// <summary>A unit and every unit below it: what a head or supervisor oversees.</summary>
    public static async Task<string[]> SubtreeAsync(NpgsqlConnection connection, string? unitCode) =>
        unitCode is null ? [] : [.. await connection.QueryAsync<string>("""
            with recursive tree as (
                select code from units where code = @unitCode
                union all
                select u.code from units u join tree t on u.parent_code = t.code)
            select code from tree
            """, new { unitCode })];

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>("select exists (select 1 from users)");
    }

    internal static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    internal static bool VerifyPassword(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StoreException(StoreError.Invalid, $"'{field}' is required.", field);
        }
    }
}
