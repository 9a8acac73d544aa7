import { describe, expect, it } from 'vitest'
import { bytes, category, decimalBytes, metric, price } from '../src/format.js'

describe('format', () => {
  it('writes prices in euros and leaves unknown ones empty', () => {
    expect(price(49.9)).toBe('€49.90')
    expect(price(undefined)).toBe('')
  })
  it('writes metrics, sizes and categories as people read them', () => {
    expect(metric(0.50741)).toBe('0.5074')
    expect(metric(null)).toBe('–')
    expect(bytes(512)).toBe('512 B')
    expect(bytes(1536)).toBe('1.5 KB')
    expect(bytes(1.5 * 1024 * 1024 * 1024)).toBe('1.5 GB')
    expect(category('bed-linen')).toBe('Bed linen')
    expect(decimalBytes(100000)).toBe('100 kB')
    expect(decimalBytes(1e6)).toBe('1 MB')
  })
})
