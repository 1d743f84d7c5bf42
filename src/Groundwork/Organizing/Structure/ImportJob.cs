namespace Groundwork.Organizing.Structure;

public enum ImportStatus { Uploaded, Queued, Running, Done, Failed }

public enum DuplicatePolicy { Skip, Merge, Create }

/// A contact import: the uploaded file (encrypted, it is full of personal data), the mapping chosen, and progress.
/// The run writes every contact in one transaction, so the outcome is all or nothing; a job that was running when the
/// process stopped has written nothing and is queued again at start.
public sealed class ImportJob
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public ImportStatus Status { get; set; }
    /// The decoded CSV text (encrypted); cleared when the job ends.
    public string? Content { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    /// The settings the run uses (mapping, duplicates, create units), as JSON.
    public string? SettingsJson { get; set; }
    public int Created { get; set; }
    public int Merged { get; set; }
    public int Skipped { get; set; }
    public int UnitsCreated { get; set; }
    /// Per-row errors, as JSON (row numbers and messages; no cell values).
    public string? ErrorsJson { get; set; }
    public int ErrorCount { get; set; }
}
