import { defineStore } from 'pinia'
import { api } from '../api.js'

/** The models the server has loaded, and the two the storefront's switcher compares. */
export const useModelsStore = defineStore('models', {
  state: () => ({ models: [], defaultModel: null, left: null, right: null, error: null, loaded: false }),
  getters: {
    names: (state) => state.models.map((m) => m.name),
    withVectors: (state) => state.models.filter((m) => m.vectors),
  },
  actions: {
    async load() {
      if (this.loaded) return
      try {
        const answer = await api.models()
        this.models = answer.models || []
        this.defaultModel = answer.default || this.models[0]?.name || null
        this.left = this.defaultModel
        this.right = this.models.map((m) => m.name).find((n) => n !== this.left) || this.left
        this.loaded = true
        this.error = null
      } catch (e) {
        this.error = e.message
      }
    },
  },
})
