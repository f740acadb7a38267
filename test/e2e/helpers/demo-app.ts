// SPDX-License-Identifier: AGPL-3.0-or-later
import { after, before } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newContext } from './browser.ts'
import { startDemoServer, type RunningServer } from './server.ts'

export interface DemoApp {
  /** The running demo server (available inside tests, after the file's `before` hook). */
  readonly server: RunningServer
  readonly browser: Browser
  /** Runs `fn` on a fresh page in its own browser context, closed afterwards. */
  withPage<T>(fn: (page: Page) => Promise<T>, options?: { javaScript?: boolean }): Promise<T>
}

/**
 * Starts the seeded demo server and Chromium once for the spec file that calls it, and stops both after it.
 * Call it at the top level of a spec.
 */
export function useDemoApp(): DemoApp {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  before(async () => {
    server = await startDemoServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useDemoApp() is used before its before() hook ran')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
    async withPage(fn, options = {}) {
      const context = await newContext(started(browser), options)
      try {
        const page = await context.newPage()
        page.setDefaultTimeout(20_000)
        return await fn(page)
      } finally {
        await context.close()
      }
    },
  }
}
