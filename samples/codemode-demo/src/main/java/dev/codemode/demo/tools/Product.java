package dev.codemode.demo.tools;

import java.math.BigDecimal;

/**
 * A product of the shop.
 *
 * @param id the product's id
 * @param name its name
 * @param category its category
 * @param price its current price in euros
 */
public record Product(int id, String name, ProductCategory category, BigDecimal price) {
}
