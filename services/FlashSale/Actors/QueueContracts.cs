using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

public sealed record LeaseTicketsCommand(SaleDefinition Sale, int Count);

/// <param name="Available">Units available in the sale right now (admission pauses at zero).</param>
public sealed record AdmitCommand(SaleDefinition Sale, int Available);
