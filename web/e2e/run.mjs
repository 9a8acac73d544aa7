// The browser tests: Debian's Chromium against a real `aisle demo` process (see
// storefront.test.mjs). Run by Maven's e2e module after the jar is built, or by hand:
//   npm run e2e            (from web/, after 'mvn -B -DskipTests package')
// Without /usr/bin/chromium they are skipped with the reason printed, except in CI (env CI set),
// where a missing browser is a failure: .ci/run installs it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHROMIUM, chromiumPresent } from './browser.mjs'
import { JAR } from './server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const ci = Boolean(process.env.CI)

if (!chromiumPresent()) {
  const why = `${CHROMIUM} not found (install it with: apt-get install -y chromium)`
  if (ci) {
    console.error(`e2e: FAILED: ${why}; in CI the browser tests never skip`)
    process.exit(1)
  }
  console.log(`e2e: SKIPPED the browser tests: ${why}. They run, and never skip, in CI.`)
  process.exit(0)
}
if (!existsSync(JAR)) {
  console.error(`e2e: ${JAR} is missing; build it first: mvn -B -DskipTests -pl cli -am package`)
  process.exit(1)
}
const run = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', join(here, 'storefront.test.mjs')],
  { stdio: 'inherit', env: process.env },
)
process.exit(run.status ?? 1)
