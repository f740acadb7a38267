// SPDX-License-Identifier: AGPL-3.0-or-later
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'

const require = createRequire(import.meta.url)
export const NHSUK_FRONTEND_DIR = path.dirname(require.resolve('nhsuk-frontend/package.json'))
const SRC_DIR = fileURLToPath(new URL('../../', import.meta.url))

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  return undefined
}

/**
 * Builds the Nunjucks environment: templates resolve from `src/` (so a page names its template by path,
 * e.g. `modules/identity/web/sign-in/sign-in.njk`), then the platform layouts, then nhsuk-frontend.
 * Autoescaping is on: nothing a user typed is ever rendered unescaped.
 */
export function createViewEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [
      SRC_DIR,
      path.join(SRC_DIR, 'platform/views'),
      path.join(NHSUK_FRONTEND_DIR, 'dist'),
      path.join(NHSUK_FRONTEND_DIR, 'dist/nhsuk'),
    ],
    { watch: options.watch ?? false, noCache: false },
  )
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  })
  env.addFilter('govDate', (value: unknown) => {
    const date = toDate(value)
    return date ? dateFormat.format(date) : ''
  })
  env.addFilter('govDateTime', (value: unknown) => {
    const date = toDate(value)
    return date ? dateTimeFormat.format(date) : ''
  })
  env.addFilter('isoDateTime', (value: unknown) => toDate(value)?.toISOString() ?? '')
  return env
}
