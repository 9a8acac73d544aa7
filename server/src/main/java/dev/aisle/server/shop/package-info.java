/**
 * The shop as the API shows it: {@link dev.aisle.server.shop.Shop} holds the catalog's products
 * (names, categories, prices, stock, images) and answers product listings and searches; {@link
 * dev.aisle.server.shop.ProductCard} is one product, its JSON fields encoded once at load so
 * that writing a recommendation list copies bytes.
 */
package dev.aisle.server.shop;
