// Delivered revenue per product category, with the best-selling product of each.
// TypeScript: the types are stripped before the program runs.
async () => {
  interface CategoryReport { category: string; revenue: number; bestSeller: string }
  const [orders, products] = await Promise.all([
    codemode.listOrders({ status: "DELIVERED" }),
    codemode.listProducts({}),
  ]);
  const byId = new Map(products.map((p) => [p.id, p]));
  const revenue = new Map<string, number>();
  const sold = new Map<number, number>();
  for (const order of orders) {
    const product = byId.get(order.productId)!;
    revenue.set(product.category, (revenue.get(product.category) ?? 0) + order.amount);
    sold.set(product.id, (sold.get(product.id) ?? 0) + order.quantity);
  }
  const report: CategoryReport[] = [...revenue.entries()].map(([category, total]) => {
    const best = products
      .filter((p) => p.category === category)
      .sort((a, b) => (sold.get(b.id) ?? 0) - (sold.get(a.id) ?? 0))[0];
    return { category, revenue: Math.round(total * 100) / 100, bestSeller: best.name };
  });
  return report.sort((a, b) => b.revenue - a.revenue);
}
