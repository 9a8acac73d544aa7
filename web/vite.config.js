import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` serves the app with hot reload and sends API and image requests to an
// `aisle serve` (or `aisle demo`) on AISLE_API, default http://127.0.0.1:8080.
const api = process.env.AISLE_API || 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // one chunk per area keeps the storefront light: the dashboard's chart code loads with it
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': api,
      '/images': api,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.js'],
    restoreMocks: true,
  },
})
