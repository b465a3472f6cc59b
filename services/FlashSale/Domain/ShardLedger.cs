namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// The counters of one inventory shard. Every transition keeps Available + Reserved + Sold == Units;
/// Created == Reserved + Sold + Released counts each reservation in exactly one state.
/// </summary>
public sealed record ShardLedger(int Units, int Available, int Reserved, int Sold, int Released, int Created, int RefundsRequested)
{
    public static ShardLedger Open(int units) => new(units, units, 0, 0, 0, 0, 0);

    public bool IsConsistent =>
        Available >= 0 && Reserved >= 0 && Sold >= 0 && Available + Reserved + Sold == Units && Created == Reserved + Sold + Released;
}
