package dev.codemode.demo.tools;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Orders and products, from the {@code orders} and {@code products} tables. */
@Component
public class OrderTools {

	private final JdbcClient jdbc;

	public OrderTools(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Tool(description = "List orders, oldest first, optionally only those of one customer and/or in one status. "
			+ "Each order is of one product; join with listProducts and listCustomers by id.")
	public List<Order> listOrders(
			@ToolParam(description = "Only orders of this customer; all customers when absent",
					required = false) @Nullable Integer customerId,
			@ToolParam(description = "Only orders in this status; all when absent",
					required = false) @Nullable OrderStatus status) {
		return this.jdbc.sql("""
				SELECT id, customer_id, product_id, quantity, amount, status, ordered_on FROM orders
				WHERE (:customerId IS NULL OR customer_id = :customerId)
				  AND (:status IS NULL OR status = :status)
				ORDER BY ordered_on, id""")
			.param("customerId", customerId)
			.param("status", (status != null) ? status.name() : null)
			.query(Order.class)
			.list();
	}

	@Tool(description = "List the shop's products with their current prices, ordered by id, optionally only one "
			+ "category.")
	public List<Product> listProducts(@ToolParam(description = "Only products of this category; all when absent",
			required = false) @Nullable ProductCategory category) {
		return this.jdbc.sql("""
				SELECT id, name, category, price FROM products
				WHERE :category IS NULL OR category = :category
				ORDER BY id""")
			.param("category", (category != null) ? category.name() : null)
			.query(Product.class)
			.list();
	}

}
