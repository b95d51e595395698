// Emails every customer in Oslo who has pending orders, listing what they ordered.
// sendEmail requires approval: run this file with --codemode.demo.approve-all=true to send the emails; without it
// they are refused, the program fails, and the JSON lists them in "refused".
async () => {
  const [customers, pending, products] = await Promise.all([
    codemode.listCustomers({ city: "Oslo" }),
    codemode.listOrders({ status: "PENDING" }),
    codemode.listProducts({}),
  ]);
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const sent = await Promise.all(customers
    .map((customer) => ({ customer, orders: pending.filter((o) => o.customerId === customer.id) }))
    .filter(({ orders }) => orders.length > 0)
    .map(({ customer, orders }) => codemode.sendEmail({
      to: customer.email,
      subject: "Your pending orders",
      body: `Hi ${customer.name.split(" ")[0]}, we are preparing: `
        + orders.map((o) => `${o.quantity} x ${productName.get(o.productId)}`).join(", ") + ".",
    })));
  console.log(`sent ${sent.length} emails`);
  return sent.map((email) => ({ to: email.to, body: email.body }));
}
