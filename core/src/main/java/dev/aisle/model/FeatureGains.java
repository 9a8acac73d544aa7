package dev.aisle.model;

import java.util.Map;

/** A model that learned from named features and can say how much each one helped. */
public interface FeatureGains {
  /**
   * Each feature's average gain over the splits that use it (XGBoost's "gain"), largest first;
   * features never split on are absent.
   */
  Map<String, Double> featureGain();
}
