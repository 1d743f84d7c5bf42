namespace Groundwork.Accounts;

/// A single row, inserted when the first instance administrator is created: the primary key makes two
/// concurrent first visits produce one administrator.
public sealed class InstanceSetup
{
    public int Id { get; set; } = 1;
    public DateTime CompletedUtc { get; set; }
}
