// End to end: a real `aisle demo` process (small shop) and Debian's Chromium, headless.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch } from './browser.mjs'
import { startDemo } from './server.mjs'

let demo
let browser
const ADMIN_KEY = 'e2e-admin-key'

before(async () => {
  // events need an API key, as a shop would run it: the storefront must post its own with the
  // public collection key; and an A/B experiment runs, so every list is counted
  demo = await startDemo({
    products: 300, customers: 1200, seed: 11,
    args: ['--experiment', 'ab=hybrid:50,cooc:50', '--api-key', ADMIN_KEY],
  })
  browser = await launch()
}, { timeout: 300_000 })

after(async () => {
  await browser?.close()
  await demo?.stop()
})

async function newPage() {
  const page = await browser.context.newPage()
  page.setDefaultTimeout(20_000)
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  return { page, problems }
}

/** Ids of the product cards in a section, in order. */
function ids(section) {
  return section.locator('.card').evaluateAll((cards) => cards.map((c) => c.dataset.productId))
}

function section(page, heading) {
  return page.locator('section.recs', { has: page.getByRole('heading', { name: heading }) }).first()
}

/** Polls until fn() is truthy (or throws the last failure). */
async function eventually(fn, timeoutMs = 15_000, message = 'condition') {
  const end = Date.now() + timeoutMs
  let last
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw last || new Error(`${message} not met within ${timeoutMs} ms`)
}

describe('storefront', () => {
  test('home shows the catalog with images, prices and categories; category and search narrow it', async () => {
    const { page, problems } = await newPage()
    await page.goto(`${demo.url}/`)
    const cards = page.locator('.catalog .card')
    await cards.first().waitFor()
    assert.equal(await cards.count(), 24)
    await eventually(() => cards.first().locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 15_000, 'image loaded')
    assert.match(await cards.first().locator('.price').innerText(), /^€[\d,]+\.\d\d$/)

    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Sofas' }).click()
    await page.waitForURL(/category=sofas/)
    await eventually(async () => (await page.locator('.catalog .card .category').allInnerTexts()).every((c) => c === 'Sofas'))
    assert.match(await page.locator('.count').innerText(), /products? in Sofas/)

    await page.getByRole('searchbox', { name: 'Search products' }).fill('linen')
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter')
    await page.waitForURL(/q=linen/)
    await eventually(async () => {
      const names = await page.locator('.catalog .card .name').allInnerTexts()
      return names.length > 0 && names.every((n) => n.toLowerCase().includes('linen'))
    })
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('a product shows customers also browsed with reasons; following one changes recommended for you', async () => {
    const { page, problems } = await newPage()
    await page.goto(`${demo.url}/`)
    await page.locator('.catalog .card a').first().click()
    await page.waitForURL(/\/products\//)
    const first = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
    await page.locator('article.product h1').waitFor()
    assert.ok((await page.locator('article.product h1').innerText()).length > 3)
    assert.match(await page.locator('article.product .price').innerText(), /^€/)
    assert.ok(await page.locator('article.product img').evaluate((img) => img.naturalWidth > 0 || !img.complete))

    const related = section(page, /Customers also browsed/)
    await related.locator('.card').first().waitFor()
    const relatedIds = await ids(related)
    assert.ok(relatedIds.length >= 3, `related: ${relatedIds}`)
    assert.ok(!relatedIds.includes(first))
    for (const reason of await related.locator('.reason').allInnerTexts()) {
      assert.match(reason, /browsed together|similar to|session|popular/i)
    }
    const hrefs = await related.locator('.card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    assert.ok(hrefs.every((h) => h.startsWith('/products/')))

    const forYou = section(page, /Recommended for you/)
    await forYou.locator('.card').first().waitFor()
    const before = await ids(forYou)
    assert.ok(!before.includes(first), 'recommendations leave out what the visitor just saw')

    const next = relatedIds[0]
    await related.locator(`.card[data-product-id="${next}"] a`).first().click()
    await page.waitForURL(new RegExp(`/products/${next}\\?from=`))
    await eventually(async () => (await page.locator('article.product').getAttribute('data-product-id')) === next)
    const after = await eventually(async () => {
      const now = await ids(section(page, /Recommended for you/))
      return now.length > 0 && !now.includes(next) && JSON.stringify(now) !== JSON.stringify(before) ? now : null
    }, 15_000, 'Recommended for you changed')
    assert.notDeepEqual(after, before)

    const timeline = page.locator('section.timeline li')
    const names = await timeline.allInnerTexts()
    assert.ok(names.length >= 2, `timeline: ${names}`)
    assert.equal(await timeline.last().getAttribute('aria-current'), 'page')
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('the model switcher shows two models side by side for the same product', async () => {
    const { page, problems } = await newPage()
    await page.goto(`${demo.url}/`)
    await page.locator('.catalog .card a').nth(2).click()
    await page.waitForURL(/\/products\//)
    const left = page.locator('.switcher [data-side=left]')
    const right = page.locator('.switcher [data-side=right]')
    await page.getByLabel('Model A').selectOption('hybrid')
    await page.getByLabel('Model B').selectOption('item2vec')
    await eventually(async () => (await right.locator('.model').innerText()) === 'by item2vec')
    await left.locator('.card').first().waitFor()
    await right.locator('.card').first().waitFor()
    assert.equal(await left.locator('.model').innerText(), 'by hybrid')
    assert.match((await right.locator('.reason').allInnerTexts())[0], /similar to/)
    await page.getByLabel('Model B').selectOption('cooc')
    await eventually(async () => (await right.locator('.model').innerText()) === 'by cooc')
    assert.deepEqual(problems, [])
    await page.close()
  })
})

describe('experiments', () => {
  /** Totals over the variants of the experiment page's table: impressions, clicks, carts. */
  async function totals(page) {
    await page.goto(`${demo.url}/experiments`)
    const rows = page.locator('section.experiment[data-experiment="ab"] table.variants tbody tr')
    await rows.first().waitFor()
    const cell = async (name) => (await rows.locator(`.${name}`).allInnerTexts())
      .reduce((sum, t) => sum + Number(t.replace(/,/g, '')), 0)
    return { impressions: await cell('impressions'), clicks: await cell('clicks'), carts: await cell('carts') }
  }

  test('a click on a recommendation and a cart move the experiment counters, with events behind the API key', async () => {
    // the events endpoint really is protected: no key, no event
    const refused = await fetch(`${demo.url}/api/events`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ customer: 'x', product: 'y' }),
    })
    assert.equal(refused.status, 401)

    const { page, problems } = await newPage()
    const before = await totals(page)
    await page.goto(`${demo.url}/`)
    await page.locator('.catalog .card a').nth(4).click()
    await page.waitForURL(/\/products\//)
    const related = section(page, /Customers also browsed/)
    await related.locator('.card').first().waitFor()
    const href = await related.locator('.card a').first().getAttribute('href')
    assert.match(href, /\?from=[0-9a-f]+-[0-9a-z]+$/)
    await related.locator('.card a').first().click()
    await page.waitForURL(/\?from=/)
    await page.locator('article.product h1').waitFor()
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('status').filter({ hasText: 'In your cart.' }).waitFor()
    assert.equal(await page.locator('[role=alert]').count(), 0, 'every event was recorded')

    const after = await eventually(async () => {
      const now = await totals(page)
      return now.clicks >= before.clicks + 1 && now.carts >= before.carts + 1 ? now : null
    }, 15_000, 'the counters moved')
    // two product pages, each with two lists
    assert.ok(after.impressions >= before.impressions + 4, `impressions ${before.impressions} -> ${after.impressions}`)
    assert.match(await page.locator('section.experiment[data-experiment="ab"] .test').innerText(), /z-test/)
    assert.deepEqual(problems, [])
    await page.close()
  })
})

describe('dashboard', () => {
  test('renders the evaluation table, its charts and the product map, which opens products from the keyboard', async () => {
    const { page, problems } = await newPage()
    await page.goto(`${demo.url}/dashboard`)
    const rows = page.locator('table.evaluation tbody tr')
    await rows.first().waitFor()
    assert.deepEqual(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.model)),
      ['pop', 'cooc', 'sknn', 'item2vec', 'glove', 'svd', 'hybrid'],
    )
    // the demo evaluates with --curve: item2vec and GloVe draw learning curves
    await page.locator('canvas[aria-label="Line chart of HR by epoch"]').waitFor()
    // aisle evaluate --json always writes each model's metrics by the next product's kind
    await page.locator('canvas[aria-label="Bar chart of MRR by the next product\'s kind per model"]').waitFor()
    await page.locator('[data-testid=embedding-map] canvas').waitFor()
    const canvases = page.locator('canvas')
    assert.ok((await canvases.count()) >= 8, `charts: ${await canvases.count()}`)
    // every chart has drawn: a good share of its pixels is painted
    await eventually(async () => {
      const painted = await canvases.evaluateAll((all) => all.map((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height)
        let n = 0
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
        return c.width > 100 && c.height > 100 ? n / (c.width * c.height) : 0
      }))
      return painted.every((share) => share > 0.01)
    }, 20_000, 'every chart painted')

    const map = page.getByTestId('embedding-map')
    await map.focus()
    await map.press('Home')
    await map.press('ArrowRight')
    const status = page.locator('.map .status')
    await eventually(async () => (await status.innerText()).includes('press Enter'))
    await map.press('Enter')
    await page.waitForURL(/\/products\//)
    await page.locator('article.product h1').waitFor()
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('is usable on a phone-sized screen', async () => {
    const { page, problems } = await newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${demo.url}/dashboard`)
    await page.locator('table.evaluation tbody tr').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`)
    assert.deepEqual(problems, [])
    await page.close()
  })
})
