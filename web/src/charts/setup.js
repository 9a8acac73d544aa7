// Registers the parts of Chart.js the dashboard draws with (tree-shaken: nothing else ships).
import {
  Chart,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js'

Chart.register(BarElement, CategoryScale, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Title, Tooltip)
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
Chart.defaults.color = '#1d2a30'
Chart.defaults.maintainAspectRatio = false
if (typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
  Chart.defaults.animation = false
}

export { Chart }
