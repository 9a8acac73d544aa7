// Runs `aisle demo` (generate, ingest, evaluate, train, serve) as a real process and waits for
// the URL it prints. The jar is cli/target/aisle.jar, or AISLE_JAR.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const JAR = process.env.AISLE_JAR || join(repo, 'cli', 'target', 'aisle.jar')

/**
 * Starts the demo on a free port. Options are the demo's: a small shop keeps it to seconds;
 * args are more of its options (--experiment, --api-key). Resolves to {url, stop, output}.
 */
export function startDemo({ products = 300, customers = 1200, seed = 11, timeoutMs = 240_000, dir, args: extra = [] } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first with 'mvn -B -DskipTests -pl cli -am package'`)
  }
  const work = dir || mkdtempSync(join(tmpdir(), 'aisle-e2e-'))
  const args = ['--add-modules', 'jdk.incubator.vector', '-Xmx1g', '-jar', JAR, 'demo', '--port', '0',
    '--dir', work, '--products', String(products), '--customers', String(customers), '--seed', String(seed),
    ...extra]
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    if (!dir) rmSync(work, { recursive: true, force: true })
  }
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`aisle demo printed no URL within ${timeoutMs / 1000} s:\n${output}`))
    }, timeoutMs)
    const onData = (chunk) => {
      output += chunk
      const m = output.match(/Aisle demo storefront: (http:\/\/\S+)/)
      if (m) {
        clearTimeout(timer)
        resolvePromise({ url: m[1].replace(/\/$/, ''), stop, output: () => output })
      }
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', (c) => {
      output += c
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`aisle demo exited (${code ?? signal}) before serving:\n${output}`))
    })
  })
}
