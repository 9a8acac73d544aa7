// Installs the web app's npm packages with `npm ci`, exactly as package-lock.json says, unless
// node_modules already holds that lock's install (a stamp records the lock's hash). Run by the
// Maven build; nothing here downloads a toolchain or a browser.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lock = join(root, 'package-lock.json')
const stamp = join(root, 'node_modules', '.aisle-lock-sha256')

if (!existsSync(lock)) {
  console.error(`web: ${lock} is missing; it is committed with the sources`)
  process.exit(1)
}
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex')
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('web: node_modules matches package-lock.json')
  process.exit(0)
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
console.log('web: npm ci')
const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: root,
  stdio: 'inherit',
})
if (run.status !== 0) {
  console.error(`web: npm ci failed (exit ${run.status ?? run.signal}); the npm registry must be reachable`)
  process.exit(run.status || 1)
}
writeFileSync(stamp, `${hash}\n`)
