namespace Groundwork.Pledges;

public static class PledgeActions
{
    public const string Created = "pledge-created";
    public const string Cancelled = "pledge-cancelled";
    public const string Expired = "pledge-expired";
    public const string Activated = "pledge-activated";
    public const string NamesRevealed = "pledge-names-revealed";
}
