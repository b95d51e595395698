package dev.codemode.demo.tools;

/** Where an order is. */
public enum OrderStatus {

	PENDING, SHIPPED, DELIVERED, CANCELLED

}
