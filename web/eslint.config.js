// ESLint for the web app: JavaScript's recommended rules and the Vue plugin's, checked by the
// Maven build before Vite builds (npm run lint). Layout is left to the code around it.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

export default [
  { ignores: ['dist/**', 'node_modules/**', 'target/**'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser },
    },
  },
  {
    // where attributes and element content break lines is layout, which the templates choose
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['tests/**', 'e2e/**', 'scripts/**', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
]
