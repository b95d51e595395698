// Programs to start from: each one is what a model might write for a request to the shop's assistant. An example
// with a "namespace" is listed only when the tool declares it (the "mcp" profile's "filesystem").
window.CODEMODE_EXAMPLES = [
    {
        title: "Best customers, with their city's weather",
        code: `async () => {
  // Three independent reads at once.
  const [customers, orders, products] = await Promise.all([
    codemode.listCustomers({}),
    codemode.listOrders({}),
    codemode.listProducts({}),
  ]);
  const spent = new Map();
  for (const order of orders) {
    if (order.status === "CANCELLED") continue;
    spent.set(order.customerId, (spent.get(order.customerId) ?? 0) + order.amount);
  }
  const top = customers
    .map((c) => ({ name: c.name, city: c.city, spent: Math.round((spent.get(c.id) ?? 0) * 100) / 100 }))
    .sort((a, b) => b.spent - a.spent)
    .slice(0, 3);
  // One weather call per city, all together.
  const weather = await Promise.all(top.map((c) => codemode.getWeather({ location: c.city })));
  return top.map((c, i) => ({ ...c, weather: weather[i].conditions + ", " + weather[i].temperatureCelsius + "°C" }));
}`,
    },
    {
        title: "Email Oslo customers about their pending orders",
        code: `// sendEmail requires approval: the page lists the emails and sends them once you approve.
async () => {
  const [customers, pending, products] = await Promise.all([
    codemode.listCustomers({ city: "Oslo" }),
    codemode.listOrders({ status: "PENDING" }),
    codemode.listProducts({}),
  ]);
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const emails = customers
    .map((customer) => ({ customer, orders: pending.filter((o) => o.customerId === customer.id) }))
    .filter(({ orders }) => orders.length > 0)
    .map(({ customer, orders }) => codemode.sendEmail({
      to: customer.email,
      subject: "Your order is on its way soon",
      body: "Hi " + customer.name.split(" ")[0] + ", we are preparing: "
        + orders.map((o) => o.quantity + " x " + productName.get(o.productId)).join(", ") + ".",
    }));
  const sent = await Promise.all(emails);
  console.log("sent", sent.length, "emails");
  return sent.map((e) => e.to);
}`,
    },
    {
        title: "Read the supplier's note and email the customers it concerns (MCP)",
        namespace: "filesystem",
        code: `// filesystem is the MCP server of the "mcp" profile, on the demo's mcp-files folder.
// sendEmail requires approval: the page lists the emails and sends them once you approve.
async () => {
  const [note, products, pending, customers] = await Promise.all([
    filesystem.read_text_file({ path: "supplier-note.txt" }),
    codemode.listProducts({}),
    codemode.listOrders({ status: "PENDING" }),
    codemode.listCustomers({}),
  ]);
  // The note's news is its first paragraph after the header lines; the product is the one it names.
  const summary = note.content.split("\\n\\n")[1].replace(/\\s+/g, " ");
  const product = products.find((p) => note.content.includes(p.name));
  const waiting = new Set(pending.filter((o) => o.productId === product.id).map((o) => o.customerId));
  const sent = await Promise.all(customers
    .filter((c) => waiting.has(c.id))
    .map((c) => codemode.sendEmail({
      to: c.email,
      subject: "News about your " + product.name,
      body: "Hi " + c.name.split(" ")[0] + ", our supplier writes: " + summary,
    })));
  return { product: product.name, summary, emailed: sent.map((e) => e.to) };
}`,
    },
    {
        title: "Revenue per category (TypeScript)",
        code: `async () => {
  interface Line { category: string; revenue: number }
  const [orders, products] = await Promise.all([
    codemode.listOrders({ status: "DELIVERED" }),
    codemode.listProducts({}),
  ]);
  const category = new Map<number, string>(products.map((p) => [p.id, p.category]));
  const totals: Record<string, number> = {};
  for (const o of orders) {
    const c = category.get(o.productId) as string;
    totals[c] = (totals[c] ?? 0) + o.amount;
  }
  const lines: Line[] = Object.entries(totals).map(([category, revenue]) => ({ category, revenue: Math.round(revenue * 100) / 100 }));
  return lines.sort((a, b) => b.revenue - a.revenue);
}`,
    },
    {
        title: "A tool that fails, caught",
        code: `async () => {
  try {
    return await codemode.getCustomer({ id: 999 });
  } catch (e) {
    console.warn("lookup failed:", e.message);
    return { found: false };
  }
}`,
    },
    {
        title: "A syntax error (line and column)",
        code: `async () => {
  const customers = await codemode.listCustomers({});
  return customers.map((c) => c.name.toUpperCase(;
}`,
    },
    {
        title: "process.env from codemode.env.*",
        code: `async () => {
  const outbox = await codemode.getOutbox({});
  return { shop: process.env.SHOP_NAME, emailsInOutbox: outbox.length };
}`,
    },
];
