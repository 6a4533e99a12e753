import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/svelte'
import { afterEach } from 'vitest'

// Vitest globals are off, so Testing Library cannot register its own cleanup: unmount between tests here.
afterEach(() => cleanup())
