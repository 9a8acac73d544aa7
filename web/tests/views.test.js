import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppRouter } from '../src/router.js'
import ProductView from '../src/views/ProductView.vue'
import HomeView from '../src/views/HomeView.vue'
import { product } from './fixtures.js'

function json(body, status = 200) {
  return { ok: status < 400, status, statusText: '', json: async () => body }
}

describe('ProductView', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('posts the view before asking for the visitor recommendations, and shows both lists', async () => {
    const order = []
    vi.stubGlobal('fetch', vi.fn(async (url, init = {}) => {
      order.push(`${init.method || 'GET'} ${url.split('?')[0]}`)
      if (url.startsWith('/api/events')) return json({ accepted: 1 }, 202)
      if (url.startsWith('/api/products/P1/related')) {
        return json({ model: 'hybrid', fallback: false, items: [{ ...product('P2'), reason: 'browsed together in 7 sessions' }] })
      }
      if (url.startsWith('/api/products/P1')) return json({ ...product('P1'), views: 42 })
      if (url.startsWith('/api/customers/')) {
        return json({ model: 'hybrid', fallback: false, items: [{ ...product('P3'), reason: 'next in sessions like yours' }] })
      }
      if (url.startsWith('/api/models')) return json({ default: 'hybrid', models: [{ name: 'hybrid' }] })
      return json({ error: 'unexpected' }, 404)
    }))
    const router = createAppRouter(true)
    router.push('/products/P1')
    await router.isReady()
    const w = mount(ProductView, { props: { id: 'P1' }, global: { plugins: [router] } })
    await flushPromises()
    expect(w.find('h1').text()).toBe('Product P1')
    expect(w.text()).toContain('€499.50')
    expect(w.text()).toContain('Viewed in 42 sessions')
    const sections = w.findAll('section.recs')
    expect(sections[0].find('h2').text()).toContain('Customers also browsed')
    expect(sections[0].find('.reason').text()).toBe('browsed together in 7 sessions')
    expect(sections[1].find('h2').text()).toContain('Recommended for you')
    expect(sections[1].find('[data-product-id]').attributes('data-product-id')).toBe('P3')
    expect(order.indexOf('POST /api/events')).toBeGreaterThan(-1)
    expect(order.indexOf('POST /api/events')).toBeLessThan(order.findIndex((o) => o.startsWith('GET /api/customers/')))
    expect(w.find('section.timeline').text()).toContain('Product P1')
    expect(w.find('.switcher').exists()).toBe(false) // one model: nothing to compare
  })

  it('says when the product does not exist', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url) => url.startsWith('/api/models')
      ? json({ models: [] })
      : json({ error: "unknown product 'NOPE'", field: 'id', status: 404 }, 404)))
    const router = createAppRouter(true)
    const w = mount(ProductView, { props: { id: 'NOPE' }, global: { plugins: [router] } })
    await flushPromises()
    expect(w.find('[role=alert]').text()).toContain('There is no product “NOPE”')
    expect(w.find('section.recs').exists()).toBe(false)
  })
})

describe('HomeView', () => {
  it('asks for the page, category and query in the address and lists categories', async () => {
    const fetch = vi.fn(async () => json({
      items: [product('P1'), product('P2', { category: 'beds', name: 'Oak bed' })],
      total: 2, page: 0, size: 24, categories: ['beds', 'sofas'],
    }))
    vi.stubGlobal('fetch', fetch)
    setActivePinia(createPinia())
    const router = createAppRouter(true)
    router.push('/?category=beds&q=oak')
    await router.isReady()
    const w = mount(HomeView, { global: { plugins: [router] } })
    await flushPromises()
    expect(fetch.mock.calls[0][0]).toBe('/api/products?q=oak&category=beds&page=0&size=24')
    expect(w.findAll('.catalog .card')).toHaveLength(2)
    expect(w.findAll('.categories a').map((a) => a.text())).toEqual(['All', 'Beds', 'Sofas'])
    expect(w.find('.categories a.on').text()).toBe('Beds')
    expect(w.find('.count').text()).toContain('2 products in Beds matching “oak”')
  })
})
