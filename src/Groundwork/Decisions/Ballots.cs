using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Groundwork.Web;

namespace Groundwork.Decisions;

/// One value given to an option: points on a dot vote, a score on a score poll.
public sealed record OptionValue(int OptionId, int Value);

/// A ballot in the shape its poll takes: a choice, several, values per option, or a ranking (option ids, most
/// preferred first). Only the field of the poll's shape may be given.
public sealed record VoteInput(
    int? Choice = null,
    [property: MaxLength(100)] int[]? Choices = null,
    [property: MaxLength(100)] int[]? Ranking = null,
    [property: MaxLength(100)] OptionValue[]? Values = null,
    [property: StringLength(2000, ErrorMessage = "A reason is at most 2,000 characters.")] string? Reason = null);

/// A ballot as stored and counted: option positions (0-based; the order matters for a ranking), and for points and
/// scores the value beside each position.
public sealed record Marks(
    [property: JsonPropertyName("o")] int[] Options,
    [property: JsonPropertyName("v")] int[]? Values = null)
{
    static readonly JsonSerializerOptions json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, json);

    public static Marks FromJson(string text) => JsonSerializer.Deserialize<Marks>(text, json)
        ?? throw new JsonException("A stored ballot is empty.");
}

/// The rules a ballot must meet, as a pure function of the poll: the edge turns a failure into a 400 problem.
public static class BallotRules
{
    public const int MaxOptions = 100;

    /// Fisher–Yates with the system CSPRNG: nobody can reproduce or predict the board's order.
    public static void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    public static Outcome<Marks> Read(Poll poll, IReadOnlyList<PollOption> options, VoteInput input)
    {
        var byId = new Dictionary<int, int>();
        foreach (var o in options) byId[o.Id] = o.Position;
        if (input.Reason is { Length: > 0 } && poll.Secret)
            return Failure.Invalid("A secret ballot carries no reason: it would be published with the ballot.", "reason");
        var shape = poll.Shape;
        string? stray = (shape, input) switch
        {
            (not BallotShape.Choice, { Choice: not null }) => "choice",
            (not BallotShape.Choices, { Choices: not null }) => "choices",
            (not BallotShape.Ranking, { Ranking: not null }) => "ranking",
            (not (BallotShape.Points or BallotShape.Scores), { Values: not null }) => "values",
            _ => null,
        };
        if (stray is not null) return Failure.Invalid($"This poll takes {Expects(shape)}, not {stray}.", stray);
        switch (shape)
        {
            case BallotShape.Choice:
                if (input.Choice is not { } c) return Failure.Invalid("Choose one option.", "choice");
                if (!byId.TryGetValue(c, out var p)) return Failure.Invalid("That option is not on this poll.", "choice");
                return new Marks([p]);
            case BallotShape.Choices:
            {
                if (input.Choices is not { Length: > 0 } list) return Failure.Invalid("Mark at least one option.", "choices");
                if (Positions(list, byId, "choices") is { Failure: { } f }) return f;
                if (poll.MaxChoices is { } max && list.Length > max) return Failure.Invalid($"Mark at most {max} options.", "choices");
                return new Marks([.. list.Select(i => byId[i]).Order()]);
            }
            case BallotShape.Ranking:
            {
                if (input.Ranking is not { Length: > 0 } list) return Failure.Invalid("Rank at least one option.", "ranking");
                if (Positions(list, byId, "ranking") is { Failure: { } f }) return f;
                return new Marks([.. list.Select(i => byId[i])]);
            }
            default:
            {
                if (input.Values is not { Length: > 0 } values) return Failure.Invalid("Give a value to at least one option.", "values");
                if (values.Any(v => v is null)) return Failure.Invalid("A value is missing.", "values");
                if (Positions([.. values.Select(v => v.OptionId)], byId, "values") is { Failure: { } f }) return f;
                if (shape == BallotShape.Scores)
                {
                    if (values.Any(v => v.Value < poll.ScoreMin || v.Value > poll.ScoreMax))
                        return Failure.Invalid($"Scores go from {poll.ScoreMin} to {poll.ScoreMax}.", "values");
                }
                else
                {
                    var perOption = poll.MaxPerOption ?? poll.Points ?? 0;
                    if (values.Any(v => v.Value < 0 || v.Value > perOption))
                        return Failure.Invalid($"Put from 0 to {perOption} points on an option.", "values");
                    if (values.Sum(v => (long)v.Value) > poll.Points) return Failure.Invalid($"You have {poll.Points} points to spend.", "values");
                    if (values.All(v => v.Value == 0)) return Failure.Invalid("Put at least one point on an option.", "values");
                }
                var sorted = values.OrderBy(v => byId[v.OptionId]).ToArray();
                return new Marks([.. sorted.Select(v => byId[v.OptionId])], [.. sorted.Select(v => v.Value)]);
            }
        }
    }

    static Outcome<bool> Positions(int[] ids, Dictionary<int, int> byId, string field)
    {
        if (ids.Any(i => !byId.ContainsKey(i))) return Failure.Invalid("An option is not on this poll.", field);
        if (ids.Distinct().Count() != ids.Length) return Failure.Invalid("An option is named twice.", field);
        return true;
    }

    static string Expects(BallotShape s) => s switch
    {
        BallotShape.Choice => "one choice",
        BallotShape.Choices => "choices",
        BallotShape.Ranking => "a ranking",
        _ => "values",
    };

    /// A receipt nobody can guess: 100 random bits in groups of four letters and digits (no 0/O or 1/I to misread).
    public static string NewTracker()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[24];
        var k = 0;
        for (var i = 0; i < 20; i++)
        {
            if (i > 0 && i % 4 == 0) chars[k++] = '-';
            chars[k++] = alphabet[bytes[i] & 31];
        }
        return new string(chars, 0, k);
    }

    public static long RandomId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * (long)int.MaxValue + RandomNumberGenerator.GetInt32(int.MaxValue);

    /// Every sealed ballot of a poll pads to the same size: enough for every option with a value beside it.
    public static int PadFor(int optionCount) => 128 + optionCount * 16;

    /// The id of the box's k-th slot (k from 1): a keyed hash of k under the poll's key, so the slots' ids (and with them
    /// SQLite's physical order) look random and, without the key, say nothing about which slot the k-th ballot filled.
    public static long SlotId(byte[] key, int k)
    {
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(message, k);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        var id = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(mac) & long.MaxValue;
        return id == 0 ? 1 : id;
    }

    /// What an empty slot holds: sealed like a ballot (same size, fresh nonce), with weight 0 and no tracker.
    public static string PaddingContent => "{\"T\":\"\",\"W\":0,\"O\":[],\"V\":null}";

    /// What the poll's options are when they are fixed by its kind.
    public static string[] FixedOptions(PollKind kind) => kind switch
    {
        PollKind.Proposal => ["Agree", "Abstain", "Disagree", "Block"],
        PollKind.Consent => ["Consent", "Stand aside", "Object"],
        PollKind.Consensus => ["Agree", "Stand aside", "Disagree", "Block"],
        PollKind.Gradients =>
        [
            "Whole-hearted endorsement", "Agreement with a minor point of contention", "Support with reservations",
            "Abstain", "More discussion needed", "Don't like but will support", "Serious disagreement", "Veto",
        ],
        PollKind.SenseCheck => ["Looks good", "Not sure", "Concerned"],
        PollKind.CountMeIn => ["Count me in"],
        _ => [],
    };
}
