// House rule 12: kebab-case `.ts`, PascalCase `.svelte`, `.svelte.ts` only for rune state.
import { basename } from 'node:path'

const KEBAB_TS = /^[a-z0-9]+(-[a-z0-9]+)*(\.(test|svelte|svelte\.test|d|config))?\.(ts|js|mjs)$/
const PASCAL_SVELTE = /^[A-Z][A-Za-z0-9]*\.svelte$/

export const fileNameRule = {
  meta: { type: 'problem', schema: [], messages: { name: '{{name}}: {{expected}}' } },
  create(context) {
    return {
      Program(node) {
        const name = basename(context.filename)
        const svelte = name.endsWith('.svelte')
        const ok = svelte ? PASCAL_SVELTE.test(name) : KEBAB_TS.test(name)
        if (!ok) {
          const expected = svelte ? 'Svelte components are PascalCase' : 'file names are kebab-case'
          context.report({ node, messageId: 'name', data: { name, expected } })
        }
      },
    }
  },
}
