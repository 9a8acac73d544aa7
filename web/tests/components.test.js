import { describe, expect, it, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createAppRouter } from '../src/router.js'
import ProductCard from '../src/components/ProductCard.vue'
import RecommendationList from '../src/components/RecommendationList.vue'
import SessionTimeline from '../src/components/SessionTimeline.vue'
import EvaluationTable from '../src/components/EvaluationTable.vue'
import ModelSwitcher from '../src/components/ModelSwitcher.vue'
import RetrainsPanel from '../src/components/RetrainsPanel.vue'
import { product, report } from './fixtures.js'

function withRouter() {
  return { global: { plugins: [createAppRouter(true)] } }
}

/** Answers fetch calls from a table of path -> body (a function of the request, or a value). */
function fakeFetch(routes) {
  const calls = []
  const fn = vi.fn(async (url, init = {}) => {
    calls.push({ url, init })
    for (const [prefix, answer] of Object.entries(routes)) {
      if (url.startsWith(prefix)) {
        const body = typeof answer === 'function' ? answer(url, init) : answer
        const status = body && body.status && body.error ? body.status : 200
        return { ok: status < 400, status, statusText: '', json: async () => body }
      }
    }
    return { ok: false, status: 404, statusText: 'Not Found', json: async () => ({ error: `no route ${url}` }) }
  })
  vi.stubGlobal('fetch', fn)
  return calls
}

describe('ProductCard', () => {
  it('shows image, name, category, price and links to the product page', () => {
    const w = mount(ProductCard, { props: { product: product('P1') }, ...withRouter() })
    expect(w.find('img').attributes('alt')).toBe('Product P1')
    expect(w.find('img').attributes('src')).toBe('/images/P1.svg')
    expect(w.text()).toContain('Sofas')
    expect(w.text()).toContain('€499.50')
    expect(w.find('a').attributes('href')).toBe('/products/P1')
  })

  it('shows a reason and says when a product is out of stock', () => {
    const w = mount(ProductCard, {
      props: { product: product('P2', { inStock: false }), reason: 'browsed together in 12 sessions' },
      ...withRouter(),
    })
    expect(w.find('.reason').text()).toBe('browsed together in 12 sessions')
    expect(w.text()).toContain('Out of stock')
  })
})

describe('RecommendationList', () => {
  it('lists each item with its reason and link under the heading', () => {
    const answer = { model: 'hybrid', fallback: false, items: [
      { ...product('P3'), reason: 'browsed together in 5 sessions' },
      { ...product('P4'), reason: 'similar to Product P1' },
    ] }
    const w = mount(RecommendationList, { props: { title: 'Customers also browsed', answer }, ...withRouter() })
    expect(w.find('h2').text()).toContain('Customers also browsed')
    expect(w.find('h2').text()).toContain('by hybrid')
    const links = w.findAll('li a').map((a) => a.attributes('href'))
    expect(links).toEqual(['/products/P3', '/products/P4'])
    expect(w.findAll('.reason').map((r) => r.text())).toEqual(['browsed together in 5 sessions', 'similar to Product P1'])
    expect(w.text()).not.toContain('popular picks')
  })

  it('marks fallback answers and shows empty, loading and error states', () => {
    const fallback = mount(RecommendationList, { props: { title: 'T', answer: { items: [product('P1')], fallback: true } }, ...withRouter() })
    expect(fallback.text()).toContain('popular picks')
    expect(mount(RecommendationList, { props: { title: 'T', answer: { items: [] }, empty: 'None yet' } }).text()).toContain('None yet')
    expect(mount(RecommendationList, { props: { title: 'T', loading: true } }).text()).toContain('Loading')
    const failed = mount(RecommendationList, { props: { title: 'T', error: 'server down' } })
    expect(failed.find('[role=alert]').text()).toBe('server down')
  })
})

describe('SessionTimeline', () => {
  it('shows the viewed products in order and marks the current one', async () => {
    const views = [
      { id: 'P1', name: 'Oak table', at: '2026-01-05T10:00:00Z' },
      { id: 'P2', name: 'Linen sofa', at: '2026-01-05T10:01:00Z' },
    ]
    const w = mount(SessionTimeline, { props: { views, current: 'P2' }, ...withRouter() })
    expect(w.findAll('li').map((li) => li.find('.name').text())).toEqual(['Oak table', 'Linen sofa'])
    expect(w.findAll('li')[1].attributes('aria-current')).toBe('page')
    await w.find('button').trigger('click')
    expect(w.emitted('start-over')).toHaveLength(1)
  })

  it('invites browsing when empty', () => {
    const w = mount(SessionTimeline, { props: { views: [] }, ...withRouter() })
    expect(w.text()).toContain('Products you view appear here')
    expect(w.find('button').exists()).toBe(false)
  })
})

describe('EvaluationTable', () => {
  it('has a row per model and marks the best quality in bold', () => {
    const w = mount(EvaluationTable, { props: { results: report.results, k: 20 } })
    expect(w.findAll('tbody tr').map((tr) => tr.attributes('data-model'))).toEqual(['pop', 'item2vec', 'hybrid'])
    const hybrid = w.find('tr[data-model=hybrid]')
    expect(hybrid.text()).toContain('0.5100')
    expect(hybrid.findAll('td.best')).toHaveLength(3)
    expect(w.find('tr[data-model=pop]').text()).toContain('2.0 KB')
  })

  it('sorts by a column from its header button, and back', async () => {
    const w = mount(EvaluationTable, { props: { results: report.results, k: 20 } })
    const header = w.findAll('thead th').find((th) => th.text().startsWith('Training'))
    await header.find('button').trigger('click')
    expect(w.findAll('tbody tr').map((tr) => tr.attributes('data-model'))).toEqual(['item2vec', 'hybrid', 'pop'])
    expect(header.attributes('aria-sort')).toBe('descending')
    await header.find('button').trigger('click')
    expect(w.findAll('tbody tr').map((tr) => tr.attributes('data-model'))).toEqual(['pop', 'hybrid', 'item2vec'])
    expect(header.attributes('aria-sort')).toBe('ascending')
  })
})

describe('ModelSwitcher', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows two models side by side for the same product and follows a new choice', async () => {
    const calls = fakeFetch({
      '/api/products/P1/related': (url) => {
        const model = new URL(url, 'http://x').searchParams.get('model')
        return { model, fallback: false, items: [{ ...product(`${model}-1`), reason: `by ${model}` }] }
      },
    })
    const w = mount(ModelSwitcher, {
      props: { productId: 'P1', models: ['hybrid', 'item2vec', 'cooc'], left: 'hybrid', right: 'item2vec' },
      ...withRouter(),
    })
    await flushPromises()
    expect(w.find('[data-side=left]').text()).toContain('by hybrid')
    expect(w.find('[data-side=right]').text()).toContain('by item2vec')
    await w.find('#model-right').setValue('cooc')
    expect(w.emitted('update:right')[0]).toEqual(['cooc'])
    await w.setProps({ right: 'cooc' })
    await flushPromises()
    expect(w.find('[data-side=right]').text()).toContain('by cooc')
    expect(calls.map((c) => c.url)).toContain('/api/products/P1/related?k=6&model=cooc')
  })
})

describe('RetrainsPanel', () => {
  it('lists each run per model, newest first, with both scores, the result and why', async () => {
    fakeFetch({
      '/api/retrains': {
        history: 'events/retrains.json',
        every: 'PT6H',
        runs: [
          {
            startedAt: '2026-12-01T06:00:00Z', finishedAt: '2026-12-01T06:04:10.250Z',
            windowFrom: '2026-11-01T00:00:00Z', windowTo: '2026-12-01T05:59:00Z',
            events: 120000, sessions: 30000, products: 2000, damagedLines: 2, error: null,
            models: [
              { name: 'hybrid', algorithm: 'hybrid', testFrom: '2026-11-30T05:59:00Z', testSessions: 900,
                predictions: 4100, candidate: { hr: 0.61, mrr: 0.3 }, serving: { hr: 0.6, mrr: 0.31 },
                swapped: true, reason: 'not worse by more than 0.01', trainSeconds: 201.5 },
              { name: 'i2v', algorithm: 'item2vec', testFrom: '2026-11-30T05:59:00Z', testSessions: 900,
                predictions: 4100, candidate: { hr: 0.4, mrr: 0.2 }, serving: { hr: 0.5, mrr: 0.25 },
                swapped: false, reason: 'worse by more than the allowed 0.01', trainSeconds: 40 },
            ],
          },
          { startedAt: '2026-12-01T00:00:00Z', finishedAt: '2026-12-01T00:00:01Z', error: 'nothing to train on', models: [] },
        ],
      },
    })
    const models = [{ name: 'hybrid', freshness: { sessionsFolded: 1234, lastEventFolded: '2026-12-01T07:00:00Z', foldIn: 'placed by sessions together' } }]
    const w = mount(RetrainsPanel, { props: { models } })
    await flushPromises()
    const rows = w.findAll('tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[0].text()).toContain('hybrid')
    expect(rows[0].text()).toContain('0.6100 / 0.3000')
    expect(rows[0].text()).toContain('0.6000 / 0.3100')
    expect(rows[0].text()).toContain('swapped in')
    expect(rows[0].text()).toContain('2 damaged log lines left out')
    expect(rows[0].classes()).toContain('swapped')
    expect(rows[1].text()).toContain('kept')
    expect(rows[1].text()).toContain('worse by more than the allowed 0.01')
    expect(rows[2].text()).toContain('stopped: nothing to train on')
    expect(w.find('caption').text()).toContain('every 6h')
    expect(w.text()).toContain('1,234')
  })

  it('says how to get a history when the server has none', async () => {
    fakeFetch({ '/api/retrains': { history: null, every: null, runs: [], note: 'no retrain history' } })
    const w = mount(RetrainsPanel, { props: { models: [] } })
    await flushPromises()
    expect(w.text()).toContain('serve with --event-log DIR')
    expect(w.find('table').exists()).toBe(false)
  })
})
