package dev.aisle.simulate;

/**
 * How a simulated shopper treats a list of recommendations: a cascade (Craswell et al., "An
 * experimental comparison of click position-bias models", WSDM 2008). The shopper reads the list
 * from the top, looks at position {@code i} (from 0) only after looking at every one before, with
 * chance {@code examine^i}, and clicks a product looked at with its attractiveness; the first
 * click ends the reading. Attractiveness grows with fit to the visit's mission and the shopper's
 * taste ({@link dev.aisle.generate.ShopperTaste}): the mission's style, the mission's room, a
 * liked colour. A clicked product that fits both style and room goes in the cart more often.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>here</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>base</td><td>click chance of a product that fits nothing</td><td>0.01</td></tr>
 *   <tr><td>style, room, colour</td><td>added for each fit</td><td>0.10, 0.06, 0.05</td></tr>
 *   <tr><td>examine</td><td>cascade: chance of reading on to the next position</td>
 *       <td>0.85</td></tr>
 *   <tr><td>cartIfFits, cartOtherwise</td><td>cart after a click</td><td>0.10, 0.02</td></tr>
 *   <tr><td>purchaseAfterCart</td><td>purchase after a cart</td><td>0.40</td></tr>
 *   <tr><td>browseOn</td><td>after a page without a click, views another mission product
 *       instead of leaving</td><td>0.5</td></tr>
 *   <tr><td>maxPages</td><td>pages of recommendations a visit sees at most</td><td>8</td></tr>
 * </table>
 *
 * @param k the length of each list asked for
 */
public record ShopperModel(double base, double style, double room, double colour, double examine,
    double cartIfFits, double cartOtherwise, double purchaseAfterCart, double browseOn,
    int maxPages, int k) {
  /** The parameters above, with lists of 10. */
  public static final ShopperModel DEFAULT = new ShopperModel(0.01, 0.10, 0.06, 0.05, 0.85,
      0.10, 0.02, 0.40, 0.5, 8, 10);

  public ShopperModel {
    for (double p : new double[] {base, style, room, colour, examine, cartIfFits, cartOtherwise,
        purchaseAfterCart, browseOn, base + style + room + colour}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("shopper probabilities must be in 0..1, was " + p);
      }
    }
    if (maxPages < 1 || k < 1) {
      throw new IllegalArgumentException("maxPages and k must be >= 1, were " + maxPages
          + " and " + k);
    }
  }
}
