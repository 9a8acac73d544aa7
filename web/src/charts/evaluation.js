// Chart data from the evaluation report that `aisle evaluate --json` writes:
// {protocol: {...}, results: [{model, "HR@20", "MRR@20", ..., train_seconds, model_bytes,
//  p50_ms, p99_ms, options, curve?: [{epoch, hr, mrr}],
//  by_next_kind?: {repeat: {share, "HR@20", "MRR@20"}, earlier: {...}, new: {...}}}]}.
// Pure functions, so the dashboard's numbers are tested without a canvas.
import { colour } from './palette.js'

/** The cut-offs K for which every row has `${metric}@K`, ascending. */
export function cutoffs(results, metric = 'HR') {
  const ks = new Set()
  for (const row of results) {
    for (const key of Object.keys(row)) {
      const m = key.match(/^([A-Za-z]+)@(\d+)$/)
      if (m && m[1] === metric) ks.add(Number(m[2]))
    }
  }
  return [...ks].filter((k) => results.every((r) => typeof r[`${metric}@${k}`] === 'number')).sort((a, b) => a - b)
}

/** The largest K the report has for HR, the one the table and the size chart use. */
export function headlineK(results) {
  const ks = cutoffs(results, 'HR')
  return ks.length ? ks[ks.length - 1] : null
}

/** The model with the highest value of a metric, or null. */
export function best(results, key) {
  let top = null
  for (const r of results) {
    if (typeof r[key] === 'number' && (top === null || r[key] > top[key])) top = r
  }
  return top ? top.model : null
}

/** Bars of `${metric}@K`: one group per K, one bar per model. */
export function metricBars(results, metric) {
  const ks = cutoffs(results, metric)
  return {
    labels: ks.map((k) => `${metric}@${k}`),
    datasets: results.map((r, i) => ({
      label: r.model,
      data: ks.map((k) => r[`${metric}@${k}`]),
      backgroundColor: colour(i),
    })),
  }
}

/**
 * Bars of a metric (e.g. 'MRR@20') by the next product's kind, from `by_next_kind`: one group per
 * kind (repeat of the last product, browsed earlier, new), labelled with its share of the
 * predictions; one bar per model that has kinds.
 */
export function kindBars(results, key) {
  const rows = results.filter((r) => r.by_next_kind && typeof r.by_next_kind === 'object')
  if (!rows.length) return { labels: [], datasets: [] }
  const kinds = Object.keys(rows[0].by_next_kind)
  const share = (kind) => `${(100 * rows[0].by_next_kind[kind].share).toFixed(1)}%`
  return {
    labels: kinds.map((kind) => `${kind} (${share(kind)})`),
    datasets: rows.map((r) => ({
      label: r.model,
      // a kind without predictions (share 0) has no result, not a zero
      data: kinds.map((kind) => (r.by_next_kind[kind]?.share > 0 ? r.by_next_kind[kind][key] : null)),
      backgroundColor: colour(results.indexOf(r)),
    })),
  }
}

/** The rows that carry a learning curve (a list of {epoch, hr, mrr}). */
export function withCurves(results) {
  return results.filter((r) => Array.isArray(r.curve) && r.curve.length > 0)
}

/** Lines of a learning-curve measure ('hr' or 'mrr') against the epoch, one per model. */
export function curveLines(results, measure) {
  const rows = withCurves(results)
  const epochs = new Set()
  rows.forEach((r) => r.curve.forEach((p) => epochs.add(p.epoch)))
  return {
    datasets: rows.map((r) => {
      const i = results.indexOf(r)
      return {
        label: r.model,
        data: r.curve
          .filter((p) => typeof p[measure] === 'number' && typeof p.epoch === 'number')
          .map((p) => ({ x: p.epoch, y: p[measure] })),
        borderColor: colour(i),
        backgroundColor: colour(i),
        tension: 0.2,
      }
    }),
    maxEpoch: epochs.size ? Math.max(...epochs) : 0,
  }
}

/** Points of model size (bytes, for a log axis) against a quality metric, one per model. */
export function sizeVsQuality(results, key) {
  return {
    datasets: results
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => typeof r.model_bytes === 'number' && r.model_bytes > 0 && typeof r[key] === 'number')
      .map(({ r, i }) => ({
        label: r.model,
        data: [{ x: r.model_bytes, y: r[key] }],
        backgroundColor: colour(i),
        borderColor: colour(i),
        pointRadius: 7,
        pointHoverRadius: 9,
      })),
  }
}

/** Horizontal bars of training seconds, one per model. */
export function trainingTime(results) {
  return {
    labels: results.map((r) => r.model),
    datasets: [
      {
        label: 'training time (s)',
        data: results.map((r) => (typeof r.train_seconds === 'number' ? r.train_seconds : 0)),
        backgroundColor: results.map((r, i) => colour(i)),
      },
    ],
  }
}

/** Scatter datasets of a product map, one per category (coloured), sorted by category name. */
export function mapByCategory(points) {
  const groups = new Map()
  for (const p of points) {
    const c = p.category || 'unknown'
    if (!groups.has(c)) groups.set(c, [])
    groups.get(c).push(p)
  }
  return {
    datasets: [...groups.keys()].sort().map((c, i) => ({
      label: c,
      data: groups.get(c).map((p) => ({ x: p.x, y: p.y, id: p.id, name: p.name, category: c })),
      backgroundColor: colour(i),
      borderColor: colour(i),
      pointRadius: 3,
      pointHoverRadius: 7,
    })),
  }
}
