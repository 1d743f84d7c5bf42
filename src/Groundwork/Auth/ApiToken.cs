namespace Groundwork.Auth;

public enum TokenScope { Read, Write }

/// A personal access token. Only its SHA-256 is stored; the token is shown once at creation.
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public TokenScope Scope { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}
