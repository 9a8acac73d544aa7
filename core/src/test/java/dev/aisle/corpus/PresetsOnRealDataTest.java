package dev.aisle.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisle.SharedData;
import dev.aisle.ingest.IngestOptions;
import dev.aisle.ingest.LogFormat;
import dev.aisle.ingest.Preset;
import dev.aisle.session.CleaningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each preset on the real sample of its dataset, checked against the numbers in SOURCE.md. */
class PresetsOnRealDataTest {
  private static IngestResult ingest(Preset preset, Set<String> events, CleaningOptions cleaning,
      Path catalog, Path... files) {
    return ingest(preset.format(), events, cleaning, catalog, files);
  }

  private static IngestResult ingest(LogFormat format, Set<String> events,
      CleaningOptions cleaning, Path catalog, Path... files) {
    return CorpusBuilder.ingest(List.of(files),
        new IngestOptions(format, events, Duration.ofMinutes(30), true), cleaning, catalog, null);
  }

  @Test
  void session_rec_yoochoose_full_keeps_every_event_without_cleaning() {
    Corpus c = ingest(Preset.SESSION_REC, null, CleaningOptions.none(), null,
        SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_full.txt")).corpus();
    assertThat(c.eventCount()).isEqualTo(70_278);
    assertThat(c.sessionCount()).isEqualTo(17_794);
    assertThat(c.products().size()).isEqualTo(2_933);
    assertThat(c.info().skippedEvents()).isEmpty();
  }

  @Test
  void session_rec_validation_pair_matches_its_documented_sizes() {
    Corpus tr = ingest(Preset.SESSION_REC, null, CleaningOptions.none(), null,
        SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_tr.txt")).corpus();
    Corpus va = ingest(Preset.SESSION_REC, null, CleaningOptions.none(), null,
        SharedData.file("yoochoose-100k/yoochoose-clicks-100k_train_valid.txt")).corpus();
    assertThat(tr.sessionCount()).isEqualTo(13_629);
    assertThat(tr.products().size()).isEqualTo(2_873);
    assertThat(va.eventCount()).isEqualTo(16_539);
    assertThat(va.sessionCount()).isEqualTo(4_084);
    // the session-rec time zone quirk: 1396860669.277 is 2014-04-07T08:51:09.277Z
    assertThat(tr.time(0)).isEqualTo(tr.sessionTime(0));
  }

  @Test
  void taobao_views_split_at_thirty_minutes_give_the_documented_sessions() {
    Corpus c = ingest(Preset.TAOBAO, Set.of("pv"),
        new CleaningOptions(false, 2, 1, 0, 0), null,
        SharedData.file("taobao-userbehavior-head/UserBehavior.csv")).corpus();
    // SOURCE.md: 458 sessions with at least 2 events (3,693 events), 43 users
    assertThat(c.sessionCount()).isEqualTo(458);
    assertThat(c.eventCount()).isEqualTo(3_693);
    assertThat(c.customerCount()).isEqualTo(43);
    assertThat(c.eventTypes()).contains("view");
    // the log's category column becomes the catalog category
    assertThat(c.catalog().category(0)).isNotNull();
  }

  @Test
  void taobao_keeps_all_behaviours_by_default_and_names_them() {
    Corpus c = ingest(Preset.TAOBAO, null, CleaningOptions.none(), null,
        SharedData.file("taobao-userbehavior-head/UserBehavior.csv")).corpus();
    assertThat(c.eventCount()).isEqualTo(4_321);
    assertThat(CorpusStats.of(c).eventTypes())
        .containsEntry("view", 3_926L).containsEntry("cart", 190L)
        .containsEntry("fav", 128L).containsEntry("purchase", 77L);
  }

  @Test
  void diginetica_orders_by_timeframe_and_takes_its_category_file_as_catalog() {
    IngestResult r = ingest(Preset.DIGINETICA, null, CleaningOptions.DEFAULTS,
        SharedData.file("diginetica-sample/product-categories.csv"),
        SharedData.file("diginetica-sample/sample_train-item-views.csv"));
    Corpus c = r.corpus();
    // SOURCE.md: with the SR-GNN filters about 525 sessions and 309 items remain
    assertThat(c.sessionCount()).isBetween(500, 550);
    assertThat(c.products().size()).isBetween(290, 330);
    for (int p = 0; p < c.products().size(); p++) {
      assertThat(c.catalog().category(p)).as("category of %s", c.products().id(p)).isNotNull();
    }
    for (int s = 0; s < c.sessionCount(); s++) {
      for (int e = c.sessionStart(s) + 1; e < c.sessionEnd(s); e++) {
        assertThat(c.time(e)).isGreaterThanOrEqualTo(c.time(e - 1));
      }
    }
    assertThat(r.catalogMatched()).isEqualTo(c.products().size());
  }

  @Test
  void otto_sessions_are_split_at_gaps_and_event_types_normalised() {
    Corpus c = ingest(Preset.OTTO, null, CleaningOptions.none(), null,
        SharedData.file("otto-sample/train.jsonl")).corpus();
    // SOURCE.md: 862 events (800 clicks, 52 carts, 10 orders), 510 distinct aids, 20 sessions
    assertThat(c.eventCount()).isEqualTo(862);
    assertThat(c.products().size()).isEqualTo(510);
    assertThat(c.customerCount()).isEqualTo(20);
    assertThat(c.sessionCount()).isGreaterThan(20);
    assertThat(CorpusStats.of(c).eventTypes()).containsEntry("view", 800L)
        .containsEntry("cart", 52L).containsEntry("purchase", 10L);
  }

  @Test
  void retailrocket_reads_its_events_file_layout(@TempDir Path dir) throws IOException {
    // RetailRocket's events.csv layout (no sample ships here): visitor 1 browses twice, an hour apart
    Path f = dir.resolve("events.csv");
    Files.writeString(f, String.join("\n",
        "timestamp,visitorid,event,itemid,transactionid",
        "1433221332117,257597,view,355908,",
        "1433221332500,257597,addtocart,248676,",
        "1433224932117,257597,view,355908,",
        "1433224933117,257597,transaction,248676,4000",
        "1433221999999,992329,view,248676,") + "\n");
    Corpus c = ingest(Preset.RETAILROCKET, null, CleaningOptions.none(), null, f).corpus();
    assertThat(c.eventCount()).isEqualTo(5);
    assertThat(c.sessionCount()).isEqualTo(3);
    assertThat(c.customerCount()).isEqualTo(2);
    assertThat(CorpusStats.of(c).eventTypes()).containsEntry("view", 3L)
        .containsEntry("cart", 1L).containsEntry("purchase", 1L);
  }
}
