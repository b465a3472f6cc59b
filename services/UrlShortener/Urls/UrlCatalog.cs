using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.State;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Urls;

/// <summary>
/// The short URLs themselves. A code is claimed with a first-write insert of its document, so two
/// instances (or an alias and a random code) can never both own it; a random code that loses simply
/// retries with a fresh one. Every change is announced on "broadcast" so all redirect caches drop it.
/// </summary>
public sealed class UrlCatalog(
    StateDocuments state,
    OwnerIndex index,
    DomainRegistry domains,
    EventPublisher events,
    UrlShortenerMetrics metrics,
    IOptions<UrlShortenerOptions> options,
    TimeProvider time)
{
    private const int RandomCodeAttempts = 8;
    private readonly IReadOnlyCollection<string> _ownHosts = options.Value.OwnHosts();

    public async Task<(PreparedUrl? Prepared, Dictionary<string, string[]> Errors)> PrepareAsync(string ownerId, CreateUrlRequest request, CancellationToken cancellationToken)
    {
        var (draft, errors) = await DraftAsync(request.Url, request.Description, request.Tags, request.ExpiresAt, request.MaxVisits, request.ForwardQuery, cancellationToken);
        if (request.CustomAlias is { } alias && AliasRules.Validate(alias) is { } aliasError)
        {
            errors["custom_alias"] = [aliasError];
        }
        string? domain = null;
        if (request.Domain is not null)
        {
            if (BrandedDomain.TryNormalize(request.Domain, out var host) && (await domains.FindAsync(host, cancellationToken))?.OwnerId == ownerId)
            {
                domain = host;
            }
            else
            {
                errors["domain"] = ["domain must be a branded domain you registered."];
            }
        }
        return errors.Count == 0 ? (new PreparedUrl(draft, request.CustomAlias, domain), errors) : (null, errors);
    }

    /// <summary>Validates the owner-editable fields, including that the target is not one of the registered branded domains.</summary>
    public async Task<(UrlDraft Draft, Dictionary<string, string[]> Errors)> DraftAsync(
        string? target, string? description, IReadOnlyList<string?>? tags, DateTimeOffset? expiresAt, long? maxVisits, bool? forwardQuery,
        CancellationToken cancellationToken)
    {
        UrlDraft.TryCreate(target, description, tags, expiresAt, maxVisits, forwardQuery, time.GetUtcNow(), _ownHosts, out var draft, out var errors);
        if (!errors.ContainsKey("url") && await IsBrandedTargetAsync(draft.Target, cancellationToken))
        {
            errors["url"] = ["url must not point back at this service."];
        }
        return (draft, errors);
    }

    public async Task<CreateOutcome> ClaimAsync(string ownerId, PreparedUrl prepared, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = prepared.Alias is null ? RandomCodeAttempts : 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var draft = prepared.Draft;
            var url = new ShortUrl(prepared.Alias ?? ShortCode.NewRandom(), ownerId, draft.Target, prepared.Domain, draft.Description, draft.Tags,
                draft.ExpiresAt, draft.MaxVisits, draft.ForwardQuery, now, now);
            if (await state.TryInsertAsync(StateKeys.Url(url.Code), url, url.TimeToLive(now, options.Value.DeletedRetention), cancellationToken))
            {
                await index.UpsertAsync(ownerId, url, cancellationToken);
                // A create also matters to caches: an instance may hold a "no such code" entry for it.
                await AnnounceAsync(url.Code, cancellationToken);
                metrics.UrlCreated();
                return new CreateOutcome(CreateStatus.Created, url);
            }
        }
        if (prepared.Alias is null)
        {
            throw new InvalidOperationException($"{RandomCodeAttempts} random codes in a row were taken; the code space is exhausted.");
        }
        return new CreateOutcome(CreateStatus.AliasTaken);
    }

    public async Task<UrlAccess> FindAsync(string ownerId, string code, CancellationToken cancellationToken) =>
        ShortCode.IsWellFormed(code) ? UrlAccess.Check(await state.GetAsync<ShortUrl>(StateKeys.Url(code), cancellationToken), ownerId) : new(Access.NotFound);

    public async Task<UrlAccess> UpdateAsync(string ownerId, string code, UrlDraft draft, CancellationToken cancellationToken)
    {
        var access = await ChangeAsync(ownerId, code, (url, now) => url.WithDraft(draft, now), cancellationToken);
        if (access is { Access: Access.Granted, Url: { } updated })
        {
            await index.UpsertAsync(ownerId, updated, cancellationToken);
        }
        return access;
    }

    public async Task<UrlAccess> DeleteAsync(string ownerId, string code, CancellationToken cancellationToken)
    {
        var access = await ChangeAsync(ownerId, code, (url, now) => url with { DeletedAt = now, UpdatedAt = now }, cancellationToken);
        if (access.Access == Access.Granted)
        {
            await index.RemoveAsync(ownerId, code, cancellationToken);
        }
        return access;
    }

    /// <summary>Called by analytics once the lifetime visit count reaches max_visits.</summary>
    public async Task MarkVisitCapReachedAsync(string code, CancellationToken cancellationToken)
    {
        var changed = await state.UpdateAsync<ShortUrl, bool>(StateKeys.Url(code), url =>
            url is null || url.VisitCapReachedAt is not null ? new(null, false) : new(url with { VisitCapReachedAt = time.GetUtcNow() }, true),
            cancellationToken);
        if (changed)
        {
            await AnnounceAsync(code, cancellationToken);
        }
    }

    private async Task<UrlAccess> ChangeAsync(string ownerId, string code, Func<ShortUrl, DateTimeOffset, ShortUrl> change, CancellationToken cancellationToken)
    {
        if (!ShortCode.IsWellFormed(code))
        {
            return new UrlAccess(Access.NotFound);
        }
        var now = time.GetUtcNow();
        var retention = options.Value.DeletedRetention;
        var access = await state.UpdateAsync<ShortUrl, UrlAccess>(StateKeys.Url(code), current =>
        {
            var check = UrlAccess.Check(current, ownerId);
            if (check.Access != Access.Granted)
            {
                return new(null, check);
            }
            var next = change(check.Url!, now);
            return new(next, check with { Url = next }, next.TimeToLive(now, retention));
        }, cancellationToken);
        if (access.Access == Access.Granted)
        {
            await AnnounceAsync(code, cancellationToken);
        }
        return access;
    }

    private Task AnnounceAsync(string code, CancellationToken cancellationToken) =>
        events.PublishAsync(DaprComponents.Broadcast, new UrlChanged(code, time.GetUtcNow()), cancellationToken);

    private async Task<bool> IsBrandedTargetAsync(string target, CancellationToken cancellationToken) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && await domains.FindAsync(uri.IdnHost, cancellationToken) is not null;
}
