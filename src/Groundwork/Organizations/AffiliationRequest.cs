namespace Groundwork.Organizations;

public enum RequestStatus { Pending, Accepted, Rejected, Withdrawn }

/// A child organization joining a parent: approved by both sides' admins.
public sealed class AffiliationRequest
{
    public int Id { get; set; }
    public int ChildId { get; set; }
    public int ParentId { get; set; }
    public required string RequestedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ChildApprovedUtc { get; set; }
    public DateTime? ParentApprovedUtc { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime? DecidedUtc { get; set; }
}
