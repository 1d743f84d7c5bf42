using System.ComponentModel.DataAnnotations;
using Groundwork.Organizations;

namespace Groundwork.Organizing.Import;

public enum ImportTarget { Ignore, Name, Role, Employer, Languages, Notes, Email, Phone, Unit, Tags, Eligible, Custom }

/// Where one column of the file goes. A Unit column says which kind of unit its names are (Department, Shift …).
public sealed record ColumnMapping([property: Required, StringLength(200)] string Header, ImportTarget Target,
    UnitKind? UnitKind = null, int? CustomFieldId = null);

public sealed record ImportSettings([property: MaxLength(100)] List<ColumnMapping>? Columns, DuplicatePolicy Duplicates = DuplicatePolicy.Skip,
    bool CreateUnits = false);
