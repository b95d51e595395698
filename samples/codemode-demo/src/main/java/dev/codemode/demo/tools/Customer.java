package dev.codemode.demo.tools;

import java.time.LocalDate;

/**
 * A customer of the shop.
 *
 * @param id the customer's id
 * @param name full name
 * @param email where {@code sendEmail} reaches them
 * @param city where they live
 * @param customerSince when they became a customer
 */
public record Customer(int id, String name, String email, String city, LocalDate customerSince) {
}
