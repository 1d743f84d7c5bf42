using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

/// Why an organization-scoped check failed: a non-member must not learn that a secret organization exists,
/// so that case answers 404 rather than 403.
public sealed record OrgScopeFailure(bool Hide) : IAuthorizationRequirement;
