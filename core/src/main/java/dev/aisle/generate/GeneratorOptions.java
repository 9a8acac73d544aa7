package dev.aisle.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How big a synthetic shop to generate and from which seed. The same options give the same files,
 * byte for byte.
 *
 * <pre>
 * GeneratorOptions options = GeneratorOptions.of(2000, 5000, 30, 7);
 * GeneratorResult shop = StoreGenerator.generate(options, Path.of("shop"));
 * </pre>
 *
 * @param products catalog size, 1 to {@value #MAX_PRODUCTS}
 * @param customers customers who browse, 1 to {@value #MAX_CUSTOMERS}; every one has at least one
 *     session
 * @param days length of the browse period, 1 to {@value #MAX_DAYS}
 * @param seed the seed of every random choice
 * @param start the first day of the period (UTC midnight), from 1990 to 2099
 * @param meanSessionLength the mean number of events in a session,
 *     {@value #MIN_MEAN_SESSION_LENGTH} to {@value #MAX_MEAN_SESSION_LENGTH}; sessions that run
 *     past the end of the period come out a little shorter
 */
public record GeneratorOptions(int products, int customers, int days, long seed, LocalDate start,
    double meanSessionLength) {

  public static final int DEFAULT_PRODUCTS = 2000;
  public static final int DEFAULT_CUSTOMERS = 5000;
  public static final int DEFAULT_DAYS = 30;
  public static final long DEFAULT_SEED = 42;
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);
  public static final double DEFAULT_MEAN_SESSION_LENGTH = 5.5;

  public static final int MAX_PRODUCTS = 9_999_999;
  public static final int MAX_CUSTOMERS = 99_999_999;
  public static final int MAX_DAYS = 3650;
  public static final double MIN_MEAN_SESSION_LENGTH = 2;
  public static final double MAX_MEAN_SESSION_LENGTH = 50;

  /** The demo shop: 2000 products, 5000 customers, 30 days from 2026-01-05, seed 42. */
  public static final GeneratorOptions DEFAULTS = of(DEFAULT_PRODUCTS, DEFAULT_CUSTOMERS,
      DEFAULT_DAYS, DEFAULT_SEED);

  public GeneratorOptions {
    if (products < 1 || products > MAX_PRODUCTS) {
      throw new IllegalArgumentException(
          "products must be between 1 and " + MAX_PRODUCTS + ", was " + products);
    }
    if (customers < 1 || customers > MAX_CUSTOMERS) {
      throw new IllegalArgumentException(
          "customers must be between 1 and " + MAX_CUSTOMERS + ", was " + customers);
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "days must be between 1 and " + MAX_DAYS + ", was " + days);
    }
    Objects.requireNonNull(start, "start");
    if (start.getYear() < 1990 || start.plusDays(days).getYear() >= 2100) {
      throw new IllegalArgumentException(
          "start must leave the period within 1990..2099, was " + start + " + " + days + " days");
    }
    if (!(meanSessionLength >= MIN_MEAN_SESSION_LENGTH
        && meanSessionLength <= MAX_MEAN_SESSION_LENGTH)) {
      throw new IllegalArgumentException("mean session length must be between "
          + MIN_MEAN_SESSION_LENGTH + " and " + MAX_MEAN_SESSION_LENGTH + ", was "
          + meanSessionLength);
    }
  }

  /** A shop of this size from {@link #DEFAULT_START}, with the default session length. */
  public static GeneratorOptions of(int products, int customers, int days, long seed) {
    return new GeneratorOptions(products, customers, days, seed, DEFAULT_START,
        DEFAULT_MEAN_SESSION_LENGTH);
  }

  /** The same options with another seed. */
  public GeneratorOptions withSeed(long newSeed) {
    return new GeneratorOptions(products, customers, days, newSeed, start, meanSessionLength);
  }
}
