namespace Groundwork.Organizing.Import;

public enum ImportStatus { Uploaded, Queued, Running, Done, Failed }

public enum DuplicatePolicy { Skip, Merge, Create }

/// A contact import: the uploaded file (encrypted, it is full of personal data), the mapping chosen, and progress.
/// The run writes in short transactions of a few thousand rows: the contacts it creates carry the job's id
/// (<see cref="Groundwork.Organizing.Contact.ImportJobId"/>) and stay hidden, and merges into existing contacts wait as
/// <see cref="ImportMerge"/> rows, until one short final step publishes them all. A run stopped half-way resumes from
/// <see cref="ProcessedRows"/> (committed with each batch); a run that fails removes what it wrote.
public sealed class ImportJob
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public ImportStatus Status { get; set; }
    /// The decoded CSV text (encrypted); cleared when the job ends, done or failed.
    public string? Content { get; set; }
    public int TotalRows { get; set; }
    /// Rows written so far: committed with each batch, so every node shows the same progress and a resumed run starts
    /// exactly after the last batch.
    public int ProcessedRows { get; set; }
    /// Bumped by each claim of the job: a batch commits only while its run's claim is the latest one, so a run that
    /// stalled and was taken over by another node cannot write next to it.
    public int Attempt { get; set; }
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

/// A row of a running import that merges into a contact that already existed: applied when the import is published,
/// so the existing contact never shows half an import. The row's plan is encrypted (names, phones, notes).
public sealed class ImportMerge
{
    public int Id { get; set; }
    public int ImportJobId { get; set; }
    public int ContactId { get; set; }
    public int Row { get; set; }
    public required string Plan { get; set; }
}
