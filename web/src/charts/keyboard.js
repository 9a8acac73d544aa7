// Moving through a scatter plot with the arrow keys: from one point to the nearest point in the
// direction of the key (within a 45-degree cone first, then anywhere on that side).

const DIRECTIONS = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
}

/**
 * The index of the point the key leads to from `from` (an index into points [{x, y}]), or `from`
 * itself when there is none that way. Without a current point (-1) any arrow picks point 0.
 */
export function step(points, from, key) {
  const d = DIRECTIONS[key]
  if (!d || points.length === 0) return from
  if (from < 0 || from >= points.length) return 0
  const here = points[from]
  let inCone = -1
  let inConeDistance = Infinity
  let onSide = -1
  let onSideDistance = Infinity
  points.forEach((p, i) => {
    if (i === from) return
    const dx = p.x - here.x
    const dy = p.y - here.y
    const along = dx * d[0] + dy * d[1]
    if (along <= 0) return
    const across = Math.abs(dx * d[1] - dy * d[0])
    const distance = dx * dx + dy * dy
    if (across <= along && distance < inConeDistance) {
      inCone = i
      inConeDistance = distance
    }
    if (distance < onSideDistance) {
      onSide = i
      onSideDistance = distance
    }
  })
  if (inCone >= 0) return inCone
  return onSide >= 0 ? onSide : from
}
