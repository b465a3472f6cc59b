using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class IdsTests
{
    [Theory]
    [InlineData("customer-1", true)]
    [InlineData("customer-1\n", false)] // '$' would match before a final newline and let it into state keys
    [InlineData("", false)]
    [InlineData("a:b", false)]
    public void Customer_ids_are_matched_whole(string id, bool valid) => Assert.Equal(valid, Ids.Customer().IsMatch(id));

    [Theory]
    [InlineData("sale_1", true)]
    [InlineData("sale_1\n", false)]
    [InlineData("sale-1", false)]
    public void Sale_ids_are_matched_whole(string id, bool valid) => Assert.Equal(valid, Ids.Sale().IsMatch(id));
}
