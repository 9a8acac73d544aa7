// Takes the README's pictures of the running demo: docs/storefront.png (a product page with its
// recommendations after a short browse) and docs/dashboard.png.
//   node e2e/screenshot.mjs                 starts its own demo (default-size shop)
//   AISLE_URL=http://127.0.0.1:8080 node e2e/screenshot.mjs   uses a running one
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launch } from './browser.mjs'
import { startDemo } from './server.mjs'

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs')
mkdirSync(docs, { recursive: true })

const demo = process.env.AISLE_URL ? null : await startDemo({ products: 2000, customers: 5000, seed: 42 })
const url = process.env.AISLE_URL || demo.url
const browser = await launch({ width: 1280, height: 1480 })
try {
  const page = await browser.context.newPage()
  await page.goto(`${url}/?category=sofas`)
  await page.locator('.catalog .card a').first().click()
  await page.locator('.recs .card').first().waitFor()
  await page.locator('section.recs', { hasText: 'Customers also browsed' }).locator('.card a').nth(1).click()
  await page.waitForLoadState('networkidle')
  await page.locator('section.recs', { hasText: 'Recommended for you' }).locator('.card').first().waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: join(docs, 'storefront.png') })
  // charts draw at once, without their animation (setup.js honours reduced motion), so the
  // picture never catches a bar half-grown on a busy machine
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto(`${url}/dashboard`)
  await page.locator('canvas').first().waitFor()
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(1500)
  await page.screenshot({ path: join(docs, 'dashboard.png'), fullPage: true })
  console.log(`wrote ${join(docs, 'storefront.png')} and ${join(docs, 'dashboard.png')}`)
} finally {
  await browser.close()
  await demo?.stop()
}
