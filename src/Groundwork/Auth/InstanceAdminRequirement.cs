using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

public sealed record InstanceAdminRequirement : IAuthorizationRequirement;
