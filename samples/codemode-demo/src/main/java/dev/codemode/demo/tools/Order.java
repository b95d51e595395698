package dev.codemode.demo.tools;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An order of one product.
 *
 * @param id the order's id
 * @param customerId the customer who ordered (see {@code getCustomer})
 * @param productId the product ordered (see {@code listProducts})
 * @param quantity how many
 * @param amount what the customer paid, in euros: quantity times the price at the time
 * @param status where the order is
 * @param orderedOn when it was ordered
 */
public record Order(int id, int customerId, int productId, int quantity, BigDecimal amount, OrderStatus status,
		LocalDate orderedOn) {
}
