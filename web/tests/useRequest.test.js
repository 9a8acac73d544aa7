import { describe, expect, it } from 'vitest'
import { useRequest } from '../src/composables/useRequest.js'

/** A request whose answer the test hands out when it wants. */
function deferred() {
  const calls = []
  const fetcher = (arg) =>
    new Promise((resolve, reject) => {
      calls.push({ arg, resolve, reject })
    })
  return { calls, fetcher }
}

describe('useRequest', () => {
  it('keeps the answer and clears the error', async () => {
    const { calls, fetcher } = deferred()
    const r = useRequest(fetcher)
    const done = r.run('P1')
    expect(r.loading.value).toBe(true)
    calls[0].resolve({ id: 'P1' })
    expect(await done).toEqual({ id: 'P1' })
    expect(r.data.value).toEqual({ id: 'P1' })
    expect(r.error.value).toBe('')
    expect(r.loading.value).toBe(false)
  })

  it('lets a slower answer to an earlier call never overwrite the latest', async () => {
    const { calls, fetcher } = deferred()
    const r = useRequest(fetcher)
    const first = r.run('P1')
    const second = r.run('P2')
    calls[1].resolve('answer for P2')
    await second
    calls[0].resolve('answer for P1')
    expect(await first).toBeNull()
    expect(r.data.value).toBe('answer for P2')
  })

  it('stays loading until the latest call is done, and ignores an overtaken error', async () => {
    const { calls, fetcher } = deferred()
    const r = useRequest(fetcher)
    const first = r.run('P1')
    const second = r.run('P2')
    calls[0].reject(new Error('P1 failed'))
    await first
    expect(r.loading.value).toBe(true)
    expect(r.error.value).toBe('')
    calls[1].resolve('answer for P2')
    await second
    expect(r.loading.value).toBe(false)
  })

  it('words an error with the call arguments and keeps the previous answer', async () => {
    const { calls, fetcher } = deferred()
    const r = useRequest(fetcher, { message: (e, id) => `${id}: ${e.message}` })
    const ok = r.run('P1')
    calls[0].resolve('answer for P1')
    await ok
    const failed = r.run('P2')
    calls[1].reject(new Error('gone'))
    expect(await failed).toBeNull()
    expect(r.error.value).toBe('P2: gone')
    expect(r.data.value).toBe('answer for P1')
  })

  it('reset forgets the answer and any call on its way', async () => {
    const { calls, fetcher } = deferred()
    const r = useRequest(fetcher)
    const pending = r.run('P1')
    r.reset()
    expect(r.loading.value).toBe(false)
    calls[0].resolve('late')
    await pending
    expect(r.data.value).toBeNull()
  })
})
