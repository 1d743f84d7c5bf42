using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.Web;

/// What text the app accepts from people: anything printable in any script, tabs and line breaks, but no control
/// characters, no Unicode noncharacters and no lone surrogates. A NUL would be refused by PostgreSQL halfway through a
/// save (a 500 on one provider and stored on the other); the others have no business in a name or a note and are how
/// text is made to look like something it is not.
public static class TextInput
{
    public const string Refusal = "Text may not contain control characters or invalid Unicode.";

    public static bool IsAcceptable(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < ' ') { if (c is not ('\t' or '\n' or '\r')) return false; }
            else if (c is >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF') return false;
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}

/// Every string of every JSON body goes through here: bad text is a 400 problem before any handler runs.
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A text value was expected.");
        var s = reader.GetString()!;
        return TextInput.IsAcceptable(s) ? s : throw new JsonException(TextInput.Refusal);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// The same rule for query strings and posted forms (the pages), checked once before any endpoint reads them.
public sealed class TextInputGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        var bad = ctx.Request.Query.Any(q => !TextInput.IsAcceptable(q.Key) || q.Value.Any(v => v is not null && !TextInput.IsAcceptable(v)));
        if (!bad && HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection form;
            try { form = await ctx.Request.ReadFormAsync(ctx.RequestAborted); }
            catch (InvalidDataException)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form could not be read.").ExecuteAsync(ctx);
                return;
            }
            bad = form.Any(f => !TextInput.IsAcceptable(f.Key) || f.Value.Any(v => v is not null && !TextInput.IsAcceptable(v)));
        }
        if (bad)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: TextInput.Refusal).ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    }
}
