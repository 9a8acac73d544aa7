import { describe, expect, it } from 'vitest'
import { best, curveLines, cutoffs, headlineK, kindBars, mapByCategory, metricBars, sizeVsQuality, trainingTime, withCurves } from '../src/charts/evaluation.js'
import { step } from '../src/charts/keyboard.js'
import { report } from './fixtures.js'

const rows = report.results

describe('evaluation chart data', () => {
  it('finds the cut-offs every row has, ascending', () => {
    expect(cutoffs(rows, 'HR')).toEqual([5, 20])
    expect(cutoffs(rows, 'NDCG')).toEqual([20])
    expect(headlineK(rows)).toBe(20)
    expect(cutoffs([{ model: 'a', 'HR@5': 1 }, { model: 'b', 'HR@10': 1 }], 'HR')).toEqual([])
  })

  it('groups HR bars by K with one dataset per model', () => {
    const bars = metricBars(rows, 'HR')
    expect(bars.labels).toEqual(['HR@5', 'HR@20'])
    expect(bars.datasets.map((d) => d.label)).toEqual(['pop', 'item2vec', 'hybrid'])
    expect(bars.datasets[2].data).toEqual([0.32, 0.51])
    expect(new Set(bars.datasets.map((d) => d.backgroundColor)).size).toBe(3)
  })

  it('groups a metric by the next product kind, for the rows that have kinds', () => {
    const bars = kindBars(rows, 'MRR@20')
    expect(bars.labels).toEqual(['repeat (25.0%)', 'earlier (10.0%)', 'new (65.0%)'])
    expect(bars.datasets.map((d) => d.label)).toEqual(['pop', 'hybrid'])
    expect(bars.datasets[1].data).toEqual([0.4, 0.12, 0.05])
    expect(bars.datasets[1].backgroundColor).not.toBe(bars.datasets[0].backgroundColor)
    expect(kindBars([{ model: 'old' }], 'MRR@20')).toEqual({ labels: [], datasets: [] })
    const none = { share: 0, 'HR@20': 0, 'MRR@20': 0 }
    const some = { share: 1, 'HR@20': 1, 'MRR@20': 0.5 }
    expect(kindBars([{ model: 'a', by_next_kind: { repeat: none, earlier: none, new: some } }], 'MRR@20')
      .datasets[0].data).toEqual([null, null, 0.5])
  })

  it('names the best model of a metric', () => {
    expect(best(rows, 'MRR@20')).toBe('hybrid')
    expect(best(rows, 'nope')).toBeNull()
  })

  it('draws learning curves only for rows that have one', () => {
    expect(withCurves(rows).map((r) => r.model)).toEqual(['item2vec'])
    const lines = curveLines(rows, 'hr')
    expect(lines.datasets).toHaveLength(1)
    expect(lines.datasets[0].data).toEqual([{ x: 1, y: 0.2 }, { x: 2, y: 0.4 }, { x: 3, y: 0.48 }])
    expect(lines.maxEpoch).toBe(3)
    expect(curveLines([{ model: 'pop' }], 'hr').datasets).toEqual([])
  })

  it('puts size against quality and skips rows without a size', () => {
    const points = sizeVsQuality([...rows, { model: 'ext', 'HR@20': 0.3, model_bytes: 0 }], 'HR@20')
    expect(points.datasets.map((d) => d.label)).toEqual(['pop', 'item2vec', 'hybrid'])
    expect(points.datasets[1].data).toEqual([{ x: 530000, y: 0.48 }])
  })

  it('lists training seconds per model', () => {
    expect(trainingTime(rows).datasets[0].data).toEqual([0.01, 3.5, 2.1])
    expect(trainingTime(rows).labels).toEqual(['pop', 'item2vec', 'hybrid'])
  })

  it('colours a product map by category, one dataset per category', () => {
    const map = mapByCategory([
      { id: 'a', x: 0, y: 0, name: 'A', category: 'sofas' },
      { id: 'b', x: 1, y: 1, name: 'B', category: 'beds' },
      { id: 'c', x: 2, y: 0, name: 'C', category: 'sofas' },
      { id: 'd', x: 2, y: 2, name: 'D' },
    ])
    expect(map.datasets.map((d) => d.label)).toEqual(['beds', 'sofas', 'unknown'])
    expect(map.datasets[1].data.map((p) => p.id)).toEqual(['a', 'c'])
    expect(map.datasets[0].backgroundColor).not.toBe(map.datasets[1].backgroundColor)
  })
})

describe('arrow keys on a scatter plot', () => {
  const points = [
    { x: 0, y: 0 },
    { x: 1, y: 0.2 },
    { x: 5, y: 0 },
    { x: 0.5, y: 3 },
    { x: -2, y: -0.5 },
  ]

  it('moves to the nearest point in the direction of the key', () => {
    expect(step(points, 0, 'ArrowRight')).toBe(1)
    expect(step(points, 1, 'ArrowRight')).toBe(2)
    expect(step(points, 0, 'ArrowUp')).toBe(3)
    expect(step(points, 0, 'ArrowLeft')).toBe(4)
  })

  it('stays put at the edge and starts at the first point', () => {
    expect(step(points, 2, 'ArrowRight')).toBe(2)
    expect(step(points, -1, 'ArrowDown')).toBe(0)
    expect(step(points, 0, 'Tab')).toBe(0)
    expect(step([], -1, 'ArrowUp')).toBe(-1)
  })
})
