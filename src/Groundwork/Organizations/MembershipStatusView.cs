using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record MembershipStatusView(int MembershipId, MembershipStatus Status, Role Role);
