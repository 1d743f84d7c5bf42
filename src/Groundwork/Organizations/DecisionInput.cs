using System.ComponentModel.DataAnnotations;

namespace Groundwork.Organizations;

/// Accept or reject a pending request (an affiliation, a transfer, a membership).
public sealed record DecisionInput([property: Required(ErrorMessage = "Say whether you accept: true or false.")] bool? Accept);
