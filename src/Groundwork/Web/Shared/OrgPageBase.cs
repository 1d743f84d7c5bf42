using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Components;

namespace Groundwork.Web.Shared;

/// Pages of one organization: loads it and the caller's membership once, from the route's {orgId}.
public abstract class OrgPageBase : ComponentBase
{
    [Parameter] public int OrgId { get; set; }
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;
    [Inject] public AppDbContext Db { get; set; } = default!;
    [Inject] public OrgAccess Access { get; set; } = default!;
    [Inject] public TimeProvider Clock { get; set; } = default!;
    [Inject] public NavigationManager Nav { get; set; } = default!;

    protected Organization? Org { get; private set; }
    protected Membership? Me { get; private set; }
    protected string? PersonId => HttpContext.User.PersonId();
    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;
    protected CancellationToken Aborted => HttpContext.RequestAborted;
    /// Set by a form handler: shown at the top of the page.
    protected string? Status { get; set; }
    protected bool StatusIsError { get; set; }

    protected override async Task OnInitializedAsync()
    {
        (Org, Me) = await Access.LoadAsync(OrgId, Aborted);
        if (Org is null || !OrganizationPermissions.CanSee(Org, Me))
        {
            Org = null;
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected async Task ReloadOrgAsync()
    {
        Org = await Db.Organizations.FindAsync([OrgId], Aborted);
    }

    protected void Fail(Web.Failure f, string message)
    {
        Status = message;
        StatusIsError = true;
        if (HttpContext.Response.HasStarted is false) HttpContext.Response.StatusCode = f.Status;
    }
}
