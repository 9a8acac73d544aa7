// The Aisle HTTP API (see /api/openapi.json), as the web app uses it.

/** An error answer of the API: its status, message and the request field at fault. */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.field = field
  }
}

async function request(path, options = {}) {
  let response
  try {
    response = await fetch(path, {
      ...options,
      headers: { Accept: 'application/json', ...(options.headers || {}) },
    })
  } catch (e) {
    throw new ApiError(0, `the Aisle server cannot be reached (${e.message})`)
  }
  let body = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      (body && body.error) || `${response.status} ${response.statusText} for ${path}`,
      body && body.field,
    )
  }
  return body
}

function query(params) {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      q.set(key, String(value))
    }
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

const id = (x) => encodeURIComponent(x)

let config = null

/**
 * What the server tells browsers (GET /api/config): the public collection key events are posted
 * with when an API key protects them, and the default experiment. Asked once per page load.
 */
function clientConfig() {
  if (!config) {
    config = request('/api/config').catch(() => ({}))
  }
  return config
}

/** Forgets the server's config (tests start each with a fresh server). */
export function resetClientConfig() {
  config = null
}

export const api = {
  /** A page of the catalog: {items, total, page, size, categories}. */
  products({ q, category, page, size } = {}) {
    return request(`/api/products${query({ q, category, page, size })}`)
  },
  product(productId) {
    return request(`/api/products/${id(productId)}`)
  },
  /**
   * Customers also browsed: {items: [{id, score, reason, name, ...}], model, fallback,
   * recommendationId}; with the visitor's id the list takes part in the running experiment.
   */
  related(productId, { k = 8, model, visitor } = {}) {
    return request(`/api/products/${id(productId)}/related${query({ k, model, visitor })}`)
  },
  /**
   * Records what the visitor did with a product: type view (the live session grows by it), cart
   * or purchase; from is the recommendationId of the list a view was clicked in. Sent with the
   * server's public collection key, never an admin key.
   */
  async event(customer, product, { type = 'view', from } = {}) {
    const { collectKey } = await clientConfig()
    const headers = { 'Content-Type': 'application/json' }
    if (collectKey) headers['X-Collect-Key'] = collectKey
    const body = { customer, product, event: type }
    if (from) body.from = from
    return request('/api/events', { method: 'POST', headers, body: JSON.stringify(body) })
  },
  /** Records that the visitor viewed a product, clicked in the list `from` if given. */
  view(customer, product, from) {
    return api.event(customer, product, { type: 'view', from })
  },
  /** Next products for the visitor's live session. */
  recommendations(customer, { k = 8, model } = {}) {
    return request(`/api/customers/${id(customer)}/recommendations${query({ k, model })}`)
  },
  models() {
    return request('/api/models')
  },
  evaluation() {
    return request('/api/evaluation')
  },
  /** Every experiment with its counts, rates, intervals and tests. */
  experiments() {
    return request('/api/experiments')
  },
  /** The recorded retrains, newest first: {history, every, runs: [{..., models: [...]}]}. */
  retrains() {
    return request('/api/retrains')
  },
  /** A 2-D map of an embedding model's products: {points: [{id, x, y, name, category}], ...}. */
  productMap(model, { limit } = {}) {
    return request(`/api/models/${id(model)}/map${query({ limit })}`)
  },
}
