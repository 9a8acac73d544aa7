// An evaluation report shaped as `aisle evaluate --json` writes it, small enough to check by hand.
export const report = {
  protocol: { split: 'last-days=7', train_sessions: 1200, test_sessions: 300, predictions: 900, k: [5, 20] },
  results: [
    {
      model: 'pop', 'HR@5': 0.1, 'HR@20': 0.2, 'MRR@5': 0.04, 'MRR@20': 0.05, 'NDCG@20': 0.08, 'coverage@20': 0.1, train_seconds: 0.01, model_bytes: 2000, p50_ms: 0.01, p99_ms: 0.1, options: {},
      by_next_kind: {
        repeat: { share: 0.25, 'HR@20': 0.3, 'MRR@20': 0.08 },
        earlier: { share: 0.1, 'HR@20': 0.25, 'MRR@20': 0.06 },
        new: { share: 0.65, 'HR@20': 0.15, 'MRR@20': 0.035 },
      },
    },
    {
      model: 'item2vec', 'HR@5': 0.3, 'HR@20': 0.48, 'MRR@5': 0.1, 'MRR@20': 0.12, 'NDCG@20': 0.2, 'coverage@20': 1, train_seconds: 3.5, model_bytes: 530000, p50_ms: 0.05, p99_ms: 0.1, options: { dim: 64 },
      curve: [
        { epoch: 1, hr: 0.2, mrr: 0.05 },
        { epoch: 2, hr: 0.4, mrr: 0.1 },
        { epoch: 3, hr: 0.48, mrr: 0.12 },
      ],
    },
    {
      model: 'hybrid', 'HR@5': 0.32, 'HR@20': 0.51, 'MRR@5': 0.13, 'MRR@20': 0.147, 'NDCG@20': 0.23, 'coverage@20': 1, train_seconds: 2.1, model_bytes: 1800000, p50_ms: 0.1, p99_ms: 0.4, options: {},
      by_next_kind: {
        repeat: { share: 0.25, 'HR@20': 1, 'MRR@20': 0.4 },
        earlier: { share: 0.1, 'HR@20': 0.9, 'MRR@20': 0.12 },
        new: { share: 0.65, 'HR@20': 0.25, 'MRR@20': 0.05 },
      },
    },
  ],
}

export function product(id, extra = {}) {
  return { id, name: `Product ${id}`, category: 'sofas', price: 499.5, inStock: true, image: `/images/${id}.svg`, ...extra }
}
