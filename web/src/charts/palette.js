// Colours for series and categories: Tableau 10 followed by darker companions, so 20 series
// stay distinguishable; beyond that colours repeat.
export const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f4e79', '#a0522d', '#8b1e3f', '#2f6f6a', '#2e6b2e',
  '#8a7a1a', '#6b3f64', '#b5546b', '#5c4033', '#666666',
]

export function colour(i) {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]
}
