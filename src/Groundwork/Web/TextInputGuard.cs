using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Groundwork.Web;

/// The rule applied to query strings, posted forms (the pages) and every string of a JSON body (the API), once, before
/// any endpoint reads them. (Not as a JSON converter for strings: that would erase "type: string" from the OpenAPI
/// document.) A body that is not valid JSON is left for the endpoint to refuse with its own message.
public sealed class TextInputGuard(RequestDelegate next)
{
    const int MaxScanned = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext ctx)
    {
        // The pages post forms here too (text pasted from a word processor can carry a control character): the refusal is
        // in the reader's language, as the request localization before this middleware set it.
        var l = ctx.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var bad = ctx.Request.Query.Any(q => !TextInput.IsAcceptable(q.Key) || q.Value.Any(v => v is not null && !TextInput.IsAcceptable(v)));
        if (!bad && ctx.Request.HasJsonContentType() && ctx.Request.ContentLength is null or (> 0 and <= MaxScanned))
        {
            ctx.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(copy, ctx.RequestAborted);
            ctx.Request.Body.Position = 0;
            bad = !JsonTextIsAcceptable(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        }
        if (!bad && HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection form;
            try { form = await ctx.Request.ReadFormAsync(ctx.RequestAborted); }
            catch (InvalidDataException)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["The form could not be read."]).ExecuteAsync(ctx);
                return;
            }
            bad = form.Any(f => !TextInput.IsAcceptable(f.Key) || f.Value.Any(v => v is not null && !TextInput.IsAcceptable(v)));
        }
        if (bad)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Text may not contain control characters or invalid Unicode."]).ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    }

    static bool JsonTextIsAcceptable(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !TextInput.IsAcceptable(reader.GetString()))
                    return false;
        }
        catch (JsonException) { return true; } // not JSON: the endpoint's own reading refuses it, with its message
        catch (InvalidOperationException) { return false; } // a string that does not decode (a lone surrogate escape)
        return true;
    }
}
