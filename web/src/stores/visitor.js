import { defineStore } from 'pinia'
import { api } from '../api.js'

const ID_KEY = 'aisle.visitor'
const TIMELINE_KEY = 'aisle.timeline'
const MAX_TIMELINE = 30

function storage() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // storage disabled by the browser: the visitor lasts as long as the page
  }
}

function newVisitorId() {
  const random =
    typeof crypto !== 'undefined' && crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  return `visitor-${random}`
}

function loadTimeline(store) {
  try {
    const parsed = JSON.parse(store?.getItem(TIMELINE_KEY) || '[]')
    return Array.isArray(parsed) ? parsed.filter((v) => v && typeof v.id === 'string') : []
  } catch {
    return []
  }
}

/**
 * The visitor: an id kept in localStorage, and the products viewed in this browser, in order.
 * Every view is posted to /api/events, so the server's live session (and with it "Recommended
 * for you") follows the visitor.
 */
export const useVisitorStore = defineStore('visitor', {
  state: () => {
    const store = storage()
    let id = store?.getItem(ID_KEY)
    if (!id) {
      id = newVisitorId()
      store?.setItem(ID_KEY, id)
    }
    return { id, timeline: loadTimeline(store), views: 0, error: null }
  },
  getters: {
    viewedIds: (state) => state.timeline.map((v) => v.id),
  },
  actions: {
    /**
     * Posts a product view, clicked in the recommendation list `from` when given; resolves once
     * the server has it in the live session.
     */
    async view(product, from) {
      const entry = {
        id: product.id,
        name: product.name || product.id,
        image: product.image || null,
        category: product.category || null,
        at: new Date().toISOString(),
      }
      const last = this.timeline[this.timeline.length - 1]
      if (!last || last.id !== entry.id) {
        this.timeline.push(entry)
        if (this.timeline.length > MAX_TIMELINE) {
          this.timeline.splice(0, this.timeline.length - MAX_TIMELINE)
        }
        storage()?.setItem(TIMELINE_KEY, JSON.stringify(this.timeline))
      }
      try {
        await api.view(this.id, product.id, from)
        this.error = null
      } catch (e) {
        this.error = `Your view was not recorded: ${e.message}`
      }
      this.views++
    },
    /** Puts a product in the cart (type cart, or purchase for buying it): posts the event. */
    async act(product, type) {
      try {
        await api.event(this.id, product.id, { type })
        this.error = null
        return true
      } catch (e) {
        this.error = `Your ${type} was not recorded: ${e.message}`
        return false
      }
    },
    /** Forgets the visitor: a new id, so a new live session, and an empty timeline. */
    startOver() {
      this.id = newVisitorId()
      this.timeline = []
      this.views++
      storage()?.setItem(ID_KEY, this.id)
      storage()?.removeItem(TIMELINE_KEY)
    },
  },
})
