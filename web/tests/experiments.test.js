import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppRouter } from '../src/router.js'
import { resetClientConfig } from '../src/api.js'
import ExperimentResults from '../src/components/ExperimentResults.vue'
import RecommendationList from '../src/components/RecommendationList.vue'
import ProductView from '../src/views/ProductView.vue'
import ExperimentsView from '../src/views/ExperimentsView.vue'
import { product } from './fixtures.js'

function json(body, status = 200) {
  return { ok: status < 400, status, statusText: '', json: async () => body }
}

const split = {
  name: 'ranker', mode: 'split', definition: 'pop:50,hybrid:50', status: 'running', default: true,
  variants: [
    { model: 'pop', weight: 50, visitors: 120, impressions: 400, clicks: 40, carts: 4, purchases: 2,
      ctr: { value: 0.1, low: 0.07, high: 0.13 }, cartsPer1000: { value: 10, low: 2, high: 18 }, purchasesPer1000: { value: 5, low: 0, high: 11 } },
    { model: 'hybrid', weight: 50, visitors: 118, impressions: 390, clicks: 90, carts: 9, purchases: 5,
      ctr: { value: 0.2308, low: 0.19, high: 0.27 }, cartsPer1000: { value: 23.1, low: 8, high: 38 }, purchasesPer1000: { value: 12.8, low: 1, high: 24 } },
  ],
  comparisons: [{ control: 'pop', treatment: 'hybrid', tested: true,
    ctr: { difference: 0.1308, low: 0.08, high: 0.18, z: 5.1, p: 0.00001, significant: true },
    cartsPer1000: { difference: 13.1, low: -3, high: 29, z: 1.6, p: 0.11, significant: false },
    purchasesPer1000: { difference: 7.8, low: -5, high: 20, z: 1.2, p: 0.23, significant: false } }],
  test: 'two-sided z-test on the difference of the rates', better: 'hybrid',
}

const mixed = {
  name: 'mixed', mode: 'interleave', definition: 'interleave:pop,hybrid', status: 'running', default: false,
  models: ['pop', 'hybrid'], impressions: 300, clicks: [30, 70], carts: [1, 6], purchases: [0, 3],
  clickShare: { model: 'hybrid', of: 100, value: 0.7, low: 0.6, high: 0.78, p: 0.0001, significant: true },
  listsWon: { model: 'hybrid', of: 95, value: 0.71, low: 0.61, high: 0.79, p: 0.0001, significant: true, wins: [28, 67], ties: 2 },
  test: 'two-sided exact binomial test', better: 'hybrid',
}

describe('ExperimentResults', () => {
  it('shows a split per variant with intervals, the comparison and the verdict', () => {
    const w = mount(ExperimentResults, { props: { experiment: split } })
    expect(w.find('h2').text()).toContain('ranker')
    expect(w.find('.verdict').text()).toBe('hybrid is significantly better on clicks.')
    const hybrid = w.find('tr[data-model="hybrid"]')
    expect(hybrid.find('.impressions').text()).toBe('390')
    expect(hybrid.find('.ctr').text()).toBe('0.2308 [0.1900, 0.2700]')
    expect(w.find('.comparisons tbody tr').text()).toContain('hybrid vs pop')
    expect(w.find('.comparisons td.significant').text()).toContain('0.1308')
    expect(w.find('.comparisons tbody tr').text()).toContain('< 0.0001')
  })

  it('shows an interleaving as credited clicks and the share of lists won', () => {
    const w = mount(ExperimentResults, { props: { experiment: { ...mixed, better: null } } })
    expect(w.find('tr[data-model="hybrid"] .clicks').text()).toBe('70')
    expect(w.find('tr[data-model="pop"] .wins').text()).toBe('28')
    expect(w.find('.won-share').text()).toBe('0.7100 [0.6100, 0.7900]')
    expect(w.find('.verdict').text()).toBe('No significant difference yet.')
  })
})

describe('ExperimentsView', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('lists every experiment and the events not credited', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ experiments: [split, mixed], skipped: { unknownFrom: 3, purchaseWithoutClick: 1 } })))
    const w = mount(ExperimentsView)
    await flushPromises()
    expect(w.findAll('section.experiment').map((s) => s.attributes('data-experiment'))).toEqual(['ranker', 'mixed'])
    expect(w.find('[data-reason="unknownFrom"]').text()).toBe('clicks on a list never issued: 3')
    w.unmount()
  })

  it('says how to start an experiment when none runs', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ experiments: [], skipped: {} })))
    const w = mount(ExperimentsView)
    await flushPromises()
    expect(w.text()).toContain('--experiment NAME=MODEL_A:50,MODEL_B:50')
    w.unmount()
  })
})

describe('the storefront and experiments', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    resetClientConfig()
  })

  it('links every recommendation with its list id', async () => {
    const router = createAppRouter(true)
    const answer = { model: 'hybrid', fallback: false, recommendationId: 'abc-1', items: [{ ...product('P2'), reason: 'r' }] }
    const w = mount(RecommendationList, { props: { title: 'T', answer }, global: { plugins: [router] } })
    expect(w.find('.card a').attributes('href')).toBe('/products/P2?from=abc-1')
  })

  it('posts the click with its list id and the collection key, asks for related as the visitor, and posts carts', async () => {
    const posted = []
    const asked = []
    vi.stubGlobal('fetch', vi.fn(async (url, init = {}) => {
      asked.push(url)
      if (url === '/api/config') return json({ collectKey: 'public-key', experiment: 'ranker' })
      if (url.startsWith('/api/events')) {
        posted.push({ headers: init.headers, body: JSON.parse(init.body) })
        return json({ accepted: 1, credited: 1, skipped: {} }, 202)
      }
      if (url.startsWith('/api/products/P2/related')) {
        return json({ model: 'hybrid', fallback: false, recommendationId: 'r-2', items: [{ ...product('P3'), reason: 'x' }] })
      }
      if (url.startsWith('/api/products/P2')) return json({ ...product('P2'), views: 3 })
      if (url.startsWith('/api/customers/')) return json({ model: 'hybrid', fallback: false, recommendationId: 'r-3', items: [] })
      if (url.startsWith('/api/models')) return json({ default: 'hybrid', models: [{ name: 'hybrid' }] })
      return json({ error: 'unexpected' }, 404)
    }))
    const router = createAppRouter(true)
    router.push('/products/P2?from=r-1')
    await router.isReady()
    const w = mount(ProductView, { props: { id: 'P2' }, global: { plugins: [router] } })
    await flushPromises()
    const visitor = posted[0].body.customer
    expect(visitor).toMatch(/^visitor-/)
    expect(posted[0].body).toEqual({ customer: visitor, product: 'P2', event: 'view', from: 'r-1' })
    expect(posted[0].headers['X-Collect-Key']).toBe('public-key')
    expect(posted[0].headers['X-API-Key']).toBeUndefined()
    expect(asked.find((u) => u.startsWith('/api/products/P2/related'))).toContain(`visitor=${visitor}`)
    expect(w.find('section.recs .card a').attributes('href')).toBe('/products/P3?from=r-2')

    await w.find('button.cart').trigger('click')
    await flushPromises()
    expect(posted[1].body).toEqual({ customer: visitor, product: 'P2', event: 'cart' })
    expect(w.find('.done').text()).toBe('In your cart.')
    await w.find('button.buy').trigger('click')
    await flushPromises()
    expect(posted[2].body.event).toBe('purchase')
    // the config was asked for once
    expect(asked.filter((u) => u === '/api/config')).toHaveLength(1)
  })
})
