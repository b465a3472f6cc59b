namespace AmazonScale.Sidecar.Actors;

/// <summary>One actor: type and id, as they appear in /v1.0/actors/{type}/{id}.</summary>
public readonly record struct ActorKey(string Type, string Id)
{
    /// <summary>daprd's separator in placement keys and state keys.</summary>
    public const string Separator = "||";

    public string PlacementKey => Type + Separator + Id;

    /// <summary>daprd's actor state key layout: appid||type||id||key (no keyPrefix strategy).</summary>
    public string StateKey(string appId, string key) => string.Join(Separator, appId, Type, Id, key);

    public override string ToString() => $"{Type}/{Id}";
}
