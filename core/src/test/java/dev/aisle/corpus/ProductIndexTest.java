package dev.aisle.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Every id finds its ordinal and nothing else is found, whatever the ids and however many. */
class ProductIndexTest {
  @Property
  void every_id_finds_its_ordinal_and_unknown_ids_find_none(
      @ForAll @Size(max = 300) Set<@StringLength(max = 12) String> ids,
      @ForAll @Size(max = 20) List<@StringLength(max = 12) String> probes) {
    String[] byOrdinal = ids.toArray(String[]::new);
    ProductIndex index = new ProductIndex(byOrdinal, new int[byOrdinal.length]);
    for (int o = 0; o < byOrdinal.length; o++) {
      assertThat(index.ordinal(byOrdinal[o])).isEqualTo(o);
    }
    for (String probe : probes) {
      if (!ids.contains(probe)) {
        assertThat(index.ordinal(probe)).isEqualTo(-1);
      }
    }
  }

  @Test
  void ids_that_collide_in_their_hash_are_told_apart() {
    // "Aa" and "BB" have the same String.hashCode, so every one of these shares one probe start
    Set<String> ids = new LinkedHashSet<>();
    for (String a : new String[] {"Aa", "BB"}) {
      for (String b : new String[] {"Aa", "BB"}) {
        for (String c : new String[] {"Aa", "BB"}) {
          ids.add(a + b + c);
        }
      }
    }
    ProductIndex index = new ProductIndex(ids.toArray(String[]::new), new int[ids.size()]);
    int o = 0;
    for (String id : ids) {
      assertThat(index.ordinal(id)).isEqualTo(o++);
    }
    assertThat(index.ordinal("AaAaAb")).isEqualTo(-1);
  }

  @Test
  void a_million_ids_are_all_found() {
    String[] ids = new String[1_000_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.toString(214_000_000 + i * 7);
    }
    ProductIndex index = new ProductIndex(ids, new int[ids.length]);
    for (int i = 0; i < ids.length; i += 997) {
      assertThat(index.ordinal(ids[i])).isEqualTo(i);
    }
    assertThat(index.ordinal("214000001")).isEqualTo(-1);
  }

  @Test
  void a_duplicate_id_is_refused() {
    assertThatThrownBy(() -> new ProductIndex(new String[] {"a", "b", "a"}, new int[3]))
        .hasMessage("duplicate product id: a");
  }
}
