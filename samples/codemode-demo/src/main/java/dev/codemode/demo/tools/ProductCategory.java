package dev.codemode.demo.tools;

/**
 * The shop's product categories; an enum so that the generated TypeScript is a union of
 * these names.
 */
public enum ProductCategory {

	BOOKS, ELECTRONICS, GARDEN

}
