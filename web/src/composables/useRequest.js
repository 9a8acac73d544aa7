import { ref } from 'vue'

/**
 * One kind of request a view makes, with its answer, error and loading state. Only the latest
 * call counts: a slower answer (or error) to an earlier call, say for the product the shopper
 * has already left, never overwrites the newer one, and `loading` stays on until the latest
 * call is done. The previous answer is kept while a new one loads, so a view can show it as
 * stale instead of flashing empty.
 *
 *   const related = useRequest((id) => api.related(id, { k: 10 }))
 *   watch(() => props.id, related.run, { immediate: true })
 *   // related.data, related.error, related.loading
 *
 * @param {(...args: any[]) => Promise<any>} fetcher makes the request
 * @param {{ message?: (e: Error, ...args: any[]) => string }} [options] words an error for the
 *     view, given the call's arguments (default: the error's message)
 */
export function useRequest(fetcher, { message = (e) => e.message } = {}) {
  const data = ref(null)
  const error = ref('')
  const loading = ref(false)
  let latest = 0

  /** Makes the request; resolves to the answer, or to null when it failed or was overtaken. */
  async function run(...args) {
    const call = ++latest
    loading.value = true
    try {
      const answer = await fetcher(...args)
      if (call !== latest) return null
      data.value = answer
      error.value = ''
      return answer
    } catch (e) {
      if (call === latest) error.value = message(e, ...args)
      return null
    } finally {
      if (call === latest) loading.value = false
    }
  }

  /** Forgets the answer and error, and any call still on its way. */
  function reset() {
    latest++
    data.value = null
    error.value = ''
    loading.value = false
  }

  return { data, error, loading, run, reset }
}
