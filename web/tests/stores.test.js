import { describe, expect, it, vi, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useVisitorStore } from '../src/stores/visitor.js'
import { useModelsStore } from '../src/stores/models.js'
import { resetClientConfig } from '../src/api.js'
import { product } from './fixtures.js'

function answer(body, status = 200) {
  return { ok: status < 400, status, statusText: '', json: async () => body }
}

describe('visitor store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    resetClientConfig()
  })

  it('keeps one visitor id in localStorage across page loads', () => {
    const first = useVisitorStore().id
    expect(first).toMatch(/^visitor-/)
    expect(localStorage.getItem('aisle.visitor')).toBe(first)
    setActivePinia(createPinia())
    expect(useVisitorStore().id).toBe(first)
  })

  it('posts every view as an event for this visitor and records the timeline', async () => {
    const fetch = vi.fn(async () => answer({ accepted: 1 }, 202))
    vi.stubGlobal('fetch', fetch)
    const visitor = useVisitorStore()
    await visitor.view(product('P1'))
    await visitor.view(product('P2'))
    await visitor.view(product('P2'))
    // the server's config (the collection key) is asked for once, then three events
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/api/config', '/api/events', '/api/events', '/api/events'])
    const [url, init] = fetch.mock.calls[1]
    expect(url).toBe('/api/events')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ customer: visitor.id, product: 'P1', event: 'view' })
    expect(visitor.viewedIds).toEqual(['P1', 'P2'])
    expect(JSON.parse(localStorage.getItem('aisle.timeline')).map((v) => v.id)).toEqual(['P1', 'P2'])
    expect(visitor.error).toBeNull()
  })

  it('says so when a view could not be recorded, and starts over with a new id', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({ error: 'this endpoint needs the API key', status: 401 }, 401)))
    const visitor = useVisitorStore()
    const before = visitor.id
    await visitor.view(product('P1'))
    expect(visitor.error).toContain('needs the API key')
    visitor.startOver()
    expect(visitor.id).not.toBe(before)
    expect(visitor.timeline).toEqual([])
    expect(localStorage.getItem('aisle.timeline')).toBeNull()
  })
})

describe('models store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('loads the models and picks the default and another for the switcher', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer({
      default: 'hybrid',
      models: [{ name: 'hybrid', vectors: false }, { name: 'item2vec', vectors: true }],
    })))
    const models = useModelsStore()
    await models.load()
    expect(models.names).toEqual(['hybrid', 'item2vec'])
    expect(models.left).toBe('hybrid')
    expect(models.right).toBe('item2vec')
    expect(models.withVectors.map((m) => m.name)).toEqual(['item2vec'])
  })
})
