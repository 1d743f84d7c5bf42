namespace Groundwork.Organizations;

/// A member who moves asks to carry their membership to another organization of the same federation.
public sealed class TransferRequest
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public int FromOrganizationId { get; set; }
    public int ToOrganizationId { get; set; }
    /// The member's consent: whether their join date and standing travel with them.
    public bool ShareHistory { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedById { get; set; }
}
