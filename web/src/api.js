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

export const api = {
  /** A page of the catalog: {items, total, page, size, categories}. */
  products({ q, category, page, size } = {}) {
    return request(`/api/products${query({ q, category, page, size })}`)
  },
  product(productId) {
    return request(`/api/products/${id(productId)}`)
  },
  /** Customers also browsed: {items: [{id, score, reason, name, ...}], model, fallback}. */
  related(productId, { k = 8, model } = {}) {
    return request(`/api/products/${id(productId)}/related${query({ k, model })}`)
  },
  /** Records that the visitor viewed a product; the live session grows by it. */
  view(customer, product) {
    return request('/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customer, product }),
    })
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
  /** The recorded retrains, newest first: {history, every, runs: [{..., models: [...]}]}. */
  retrains() {
    return request('/api/retrains')
  },
  /** A 2-D map of an embedding model's products: {points: [{id, x, y, name, category}], ...}. */
  productMap(model, { limit } = {}) {
    return request(`/api/models/${id(model)}/map${query({ limit })}`)
  },
}
