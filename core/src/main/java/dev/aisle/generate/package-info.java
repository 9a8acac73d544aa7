/**
 * A seeded synthetic home-fashion shop: the data Aisle's demo runs on and its scale tests read.
 * {@link dev.aisle.generate.StoreGenerator} writes a catalog, product images and a browse log in
 * Aisle's default format; {@code aisle generate} is its command line.
 *
 * <pre>
 * GeneratorResult shop = StoreGenerator.generate(GeneratorOptions.of(2000, 5000, 30, 7),
 *     Path.of("shop"));
 * </pre>
 *
 * <h2>Why synthetic data, and why planted</h2>
 *
 * A recommender learns that products are browsed together. To show that it works you need data in
 * which you <em>know</em> what belongs together. Public logs do not say; a generated shop does,
 * because we put the structure there: customers have tastes, sessions follow them, and a test can
 * check that a model finds them again (products browsed together share a style five times more
 * often than two products picked at random).
 *
 * <h2>The model, step by step</h2>
 *
 * <ol>
 *   <li><b>Catalog</b> ({@link dev.aisle.generate.HomeFashionCatalog}). Each product draws a
 *       category (sofas, chairs, tables, beds, storage, rugs, lighting, mirrors, curtains, bedding,
 *       cushions, vases, decor; by a share each), a design style (scandinavian, industrial,
 *       mid-century, bohemian, minimalist, rustic, art-deco, coastal, japandi; uniformly), a noun
 *       of its category and with it a room ("dining chair": dining room), a colour (from its
 *       style's palette 3 times in 4) and a material (one its style and category share, when they
 *       do). The name reads colour, material, noun: "Emerald velvet accent chair". The price is
 *       log-uniform in the category's range, times the material's factor and a little noise,
 *       rounded like a shop's (12.99, 449.99, 1849.99).
 *   <li><b>Popularity.</b> A random order of all products is their popularity. Every list a product
 *       is drawn from (the scandinavian chairs of the dining room, all rugs, the whole shop) keeps
 *       this order, and draws rank {@code r} with probability proportional to {@code 1/(r+1)}, a
 *       Zipf law ({@link dev.aisle.generate.ZipfTable}). So each niche has its best sellers, and
 *       the shop as a whole has a long tail.
 *   <li><b>Customers.</b> Each has a main style and a second one, three favourite colours (two
 *       from the main style's palette), a first and a second room, and an activity level from a
 *       Pareto law with mean 1: most customers come a few times, a few come very often.
 *   <li><b>Visits.</b> A customer's sessions start as a Poisson process (0.12 sessions a day at
 *       activity 1), at hours drawn from a daily rhythm that peaks in the evening. After a
 *       session, 3 times in 10 the customer comes back to the same mission a few hours later.
 *       Pauses between sessions are never under an hour, so cutting each customer's events at 30
 *       minutes of silence (the web-analytics convention, after Catledge and Pitkow,
 *       "Characterizing browsing strategies in the World-Wide Web", 1995) finds exactly the
 *       planted sessions.
 *       Every customer has at least one session.
 *   <li><b>A session</b> has a mission: a room (the first room 65% of the time, the second 25%,
 *       any 10%), a category placed in that room, and a style (the main one 80% of the time). Its
 *       length is 1 plus a log-normal number, with mean {@code meanSessionLength} (5.5 by default)
 *       and a long tail, capped at 200 events. Seconds between events are log-normal too (median
 *       35 s, between 3 s and 20 min).
 *   <li><b>Each view</b> goes back to a product seen earlier in the session 10% of the time (half
 *       of those to the one before the current product, the back button). Otherwise it looks at the
 *       mission's style, category and room (62%), the same style in another category of the room
 *       ("completing the look", 16%), the mission's category and room in any style (12%), or
 *       anything in the shop (10%, by global popularity). It draws up to four products there by
 *       popularity and accepts each with a probability that is lower outside the customer's
 *       colours (0.35) and for a product already seen (x 0.15). A small shop may run out of
 *       products of a kind: then the search drops the room, then the style.
 *   <li><b>Carts.</b> 3% of views are followed by a {@code cart} event for the same product.
 * </ol>
 *
 * <table>
 *   <caption>The model's parameters, in {@link dev.aisle.generate.StoreGenerator}</caption>
 *   <tr><th>constant</th><th>value</th><th>meaning</th></tr>
 *   <tr><td>{@code SESSIONS_PER_DAY}</td><td>0.12</td><td>session rate at activity 1</td></tr>
 *   <tr><td>{@code ACTIVITY_SHAPE}</td><td>1.5</td><td>Pareto shape of activity (cap 40)</td></tr>
 *   <tr><td>{@code POPULARITY_EXPONENT}</td><td>1.0</td><td>Zipf exponent {@code s}</td></tr>
 *   <tr><td>{@code MAIN_STYLE}</td><td>0.8</td><td>sessions in the main style</td></tr>
 *   <tr><td>{@code RETURN_TO_MISSION}</td><td>0.3</td>
 *       <td>next session resumes the mission</td></tr>
 *   <tr><td>{@code ON_MISSION}, {@code COMPLETE_THE_LOOK}, {@code OTHER_STYLE}</td>
 *       <td>0.62, 0.16, 0.12</td><td>where the next product comes from; the rest is noise</td></tr>
 *   <tr><td>{@code OFF_PALETTE}, {@code SEEN}</td><td>0.35, 0.15</td>
 *       <td>acceptance factors</td></tr>
 *   <tr><td>{@code REPEAT_VIEW}, {@code CART}</td><td>0.1, 0.03</td>
 *       <td>repeat views and cart events</td></tr>
 *   <tr><td>{@code SESSION_LENGTH_SIGMA}</td><td>1.0</td><td>log-normal spread of length</td></tr>
 * </table>
 *
 * <h2>Size and speed</h2>
 *
 * The log grows with customers and days: about 25 events a customer over 30 days and 70 over 90.
 * The demo shop (2000 products, 5000 customers, 30 days) has about 130,000 events; 143,000
 * customers over 90 days give about 10 million, written in a few seconds: rows are formatted
 * straight into a byte buffer, timestamps from a per-day date prefix and integer arithmetic.
 *
 * <h2>Files and reproducibility</h2>
 *
 * <ul>
 *   <li>{@code events.csv}: {@code customer_id,product_id,timestamp,event}, e.g. {@code
 *       C0000042,P000123,2026-01-05T19:15:30Z,view}; customer by customer, not sorted by time
 *       overall.
 *   <li>{@code catalog.csv}: {@code id,name,category,price,in_stock,image,style,colour,room}. The
 *       catalog reader uses the first six columns; style, colour and room are the planted truth,
 *       for people and tests.
 *   <li>{@code images/<category>-<colour>.svg}: one picture per category and colour, not per
 *       product.
 * </ul>
 *
 * Every random choice comes from one {@link java.util.SplittableRandom} seeded with the seed, in a
 * single thread, and nothing iterates a hash table, so the same options give the same bytes. The
 * catalog has its own stream, so it depends only on the seed and the number of products. Each file
 * is written beside its target and renamed into place.
 */
package dev.aisle.generate;
