// SPDX-License-Identifier: AGPL-3.0-or-later
// Every page each role can reach by following links fits a 390-pixel phone screen without sideways
// scrolling: tables reflow (the NHS.UK responsive table), long words wrap. One page of each shape is
// visited (ids replaced), so a new page is covered as soon as something links to it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()
const PHONE = { width: 390, height: 844 }
/** Links that leave the HTML pages (downloads, feeds, APIs) or end the session. */
const NOT_A_PAGE = /sign-out|\.csv|\.pdf|\.json|\.ics|\/fhir|\/oruk|\/api\/|leaflet|export/

function shapeOf(href: string): string {
  return href.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').replace(/[?#].*/, '')
}

async function pagesTooWide(page: Page, start: string, limit: number): Promise<{ visited: number; wide: string[] }> {
  const queue = [start]
  const shapes = new Set<string>()
  const wide: string[] = []
  while (queue.length > 0 && shapes.size < limit) {
    const href = queue.shift()!
    if (shapes.has(shapeOf(href))) continue
    shapes.add(shapeOf(href))
    const response = await page.goto(`${demo.server.baseUrl}${href}`)
    assert.ok(response && response.status() < 400, `${href} answered ${response?.status()}`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    if (overflow > 0) {
      const culprit = await page.evaluate(
        () =>
          [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)[0] ?? 'the page',
      )
      wide.push(`${shapeOf(href)} by ${overflow} px (${culprit})`)
    }
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href') ?? ''),
    )
    for (const link of links) if (link && !NOT_A_PAGE.test(link)) queue.push(link)
  }
  return { visited: shapes.size, wide }
}

describe('every page fits a phone', () => {
  for (const email of [
    'sam.okafor@waymark.example',
    'priya.shah@waymark.example',
    'admin@waymark.example',
    'dr.ruth.campbell@waymark.example',
    'kirsty.duncan@waymark.example',
  ]) {
    it(`as ${email}`, async () => {
      await demo.withPage(async (page) => {
        await page.setViewportSize(PHONE)
        const service = demo.server.demo.organisations.get('sps')!.name
        await signIn(page, demo.server.baseUrl, email, email.startsWith('admin') ? service : undefined)
        const { visited, wide } = await pagesTooWide(page, new URL(page.url()).pathname, 60)
        assert.ok(visited >= 5, `only ${visited} pages reached`)
        assert.deepEqual(wide, [], `pages wider than a phone:\n  ${wide.join('\n  ')}`)
      })
    })
  }
})
