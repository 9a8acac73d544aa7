import { createRouter, createWebHistory, createMemoryHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'
import ProductView from './views/ProductView.vue'
import NotFoundView from './views/NotFoundView.vue'

export const routes = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'Shop' } },
  {
    path: '/products/:id',
    name: 'product',
    component: ProductView,
    props: true,
    meta: { title: 'Product' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    // the chart library loads only with the dashboard
    component: () => import('./views/DashboardView.vue'),
    meta: { title: 'Model dashboard' },
  },
  {
    path: '/experiments',
    name: 'experiments',
    component: () => import('./views/ExperimentsView.vue'),
    meta: { title: 'Experiments' },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Not found' } },
]

/** The app's router: HTML5 history in the browser, memory history in tests. */
export function createAppRouter(memory = false) {
  const router = createRouter({
    history: memory ? createMemoryHistory() : createWebHistory(),
    routes,
    ...(memory ? {} : { scrollBehavior: (to, from, saved) => saved || { top: 0 } }),
  })
  router.afterEach((to) => {
    if (typeof document !== 'undefined') {
      document.title = `${to.meta.title || 'Aisle'} · Aisle`
    }
  })
  return router
}
