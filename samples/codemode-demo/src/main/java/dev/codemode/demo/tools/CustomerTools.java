package dev.codemode.demo.tools;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Customers, from the {@code customers} table. */
@Component
public class CustomerTools {

	private final JdbcClient jdbc;

	public CustomerTools(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Tool(description = "List the shop's customers, ordered by id, optionally only those in one city.")
	public List<Customer> listCustomers(
			@ToolParam(description = "Only customers in this city (exact name, e.g. \"Oslo\"); all when absent",
					required = false) @Nullable String city) {
		return this.jdbc.sql("""
				SELECT id, name, email, city, customer_since FROM customers
				WHERE :city IS NULL OR city = :city
				ORDER BY id""").param("city", city).query(Customer.class).list();
	}

	@Tool(description = "Get one customer by id. Fails when there is no such customer.")
	public Customer getCustomer(@ToolParam(description = "The customer's id") int id) {
		return this.jdbc.sql("SELECT id, name, email, city, customer_since FROM customers WHERE id = :id")
			.param("id", id)
			.query(Customer.class)
			.optional()
			.orElseThrow(() -> new IllegalArgumentException("No customer with id " + id));
	}

}
