// Numbers as people read them; one place so the storefront and the dashboard agree.

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' })

/** A price such as €49.90, or an empty string when unknown. */
export function price(value) {
  return typeof value === 'number' && Number.isFinite(value) ? money.format(value) : ''
}

/** A metric such as .5074 with four decimals. */
export function metric(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(4) : '–'
}

/** Bytes as KB/MB/GB with one decimal. */
export function bytes(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = value
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`
}

/** Seconds with two decimals, or milliseconds with two decimals. */
export function seconds(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)} s` : '–'
}

export function millis(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)} ms` : '–'
}

/** A product category slug such as "bed-linen" as "Bed linen". */
export function category(slug) {
  if (!slug) return ''
  const words = String(slug).replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Bytes in powers of ten (1 kB = 1000 B), for the ticks of a logarithmic axis. */
export function decimalBytes(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return ''
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let v = value
  let u = 0
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000
    u++
  }
  return `${Number(v.toPrecision(3))} ${units[u]}`
}
