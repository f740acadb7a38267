// SPDX-License-Identifier: AGPL-3.0-or-later
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   Feed bodies are JSON; judgeOrukFeed validates them against the ORUK profile before anything relies on them. */
// Open Referral UK both ways, against the demo: our open feed passes the ORUK validator's checks on the demo
// directory, and a directory editor imports a council's feed from a file without JavaScript and reads the
// report; axe on every page state (with JavaScript, as axe runs in the page).
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { judgeOrukFeed, type OrukEndpoint } from '../../src/modules/directory/oruk/index.ts'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const COUNCIL_FEED = fileURLToPath(
  new URL(
    '../../src/modules/directory/oruk/test-fixtures/validator-mocks/V3.0-UK-Default/service_full.json',
    import.meta.url,
  ),
)

const demo = useDemoApp()

async function getJson(path: string): Promise<{ status: number; cors: string | null; body: any }> {
  const response = await fetch(`${demo.server.baseUrl}${path}`)
  return {
    status: response.status,
    cors: response.headers.get('access-control-allow-origin'),
    body: await response.json(),
  }
}

describe('Open Referral UK', () => {
  it('publishes the demo directory as a feed the ORUK validator passes', async () => {
    const root = await getJson('/oruk/')
    assert.equal(root.cors, '*')
    const services = await getJson('/oruk/services?per_page=200')
    assert.ok(services.body.total_items > 0, 'the demo directory is published')
    const first = services.body.contents[0]
    const sals = await getJson('/oruk/service_at_locations')
    const taxonomies = await getJson('/oruk/taxonomies')
    const terms = await getJson('/oruk/taxonomy_terms')
    const responses: Partial<Record<OrukEndpoint, unknown>> = {
      api_details: root.body,
      service_list: services.body,
      service: (await getJson(`/oruk/services/${first.id}`)).body,
      service_at_location_list: sals.body,
      service_at_location: (await getJson(`/oruk/service_at_locations/${sals.body.contents[0].id}`)).body,
      taxonomy_list: taxonomies.body,
      taxonomy: (await getJson(`/oruk/taxonomies/${taxonomies.body.contents[0].id}`)).body,
      taxonomy_term_list: terms.body,
      taxonomy_term: (await getJson(`/oruk/taxonomy_terms/${terms.body.contents[0].id}`)).body,
    }
    const judgement = judgeOrukFeed(responses)
    assert.equal(
      judgement.verdict,
      'pass',
      JSON.stringify(
        judgement.endpoints.filter((e) => e.status !== 'valid'),
        null,
        2,
      ),
    )
  })

  it(
    'a directory editor imports a feed file and reads the report, without JavaScript',
    { timeout: 240_000 },
    async () => {
      await demo.withPage(
        async (page) => {
          await signIn(page, demo.server.baseUrl, 'lorna.mackay@waymark.example')
          await page.goto(`${demo.server.baseUrl}/`)
          await page.getByRole('link', { name: 'Import a directory feed' }).click()
          await page.getByRole('button', { name: 'Import feed' }).click()
          await page.getByText('Enter the address of a feed, or choose a file to upload').first().waitFor()
          await page.locator('input[type=file][name=files]').setInputFiles(COUNCIL_FEED)
          await page.getByLabel('Where the files come from').fill('Example council directory')
          await page.getByRole('button', { name: 'Import feed' }).click()
          await page.getByRole('heading', { name: 'Feed import report' }).waitFor()
          assert.match(await page.locator('main').innerText(), /1 listing added, 0 updated, 0 unchanged, 0 rejected/)
        },
        { javaScript: false },
      )
    },
  )

  it('every state of the import pages passes axe', { timeout: 240_000 }, async () => {
    // axe runs inside the page, so this pass has JavaScript on (the design system then enhances the file field).
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'lorna.mackay@waymark.example')
      await page.goto(`${demo.server.baseUrl}/directory/import`)
      await expectAccessible(page, 'oruk-import-form')
      await page.getByRole('button', { name: 'Import feed' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'oruk-import-error')
      await page.locator('input[type=file][name=files]').setInputFiles(COUNCIL_FEED)
      await page.getByLabel('Where the files come from').fill('Example council directory')
      await page.getByRole('button', { name: 'Import feed' }).click()
      await page.getByRole('heading', { name: 'Feed import report' }).waitFor()
      // The same feed again: nothing changes.
      assert.match(await page.locator('main').innerText(), /0 listings added, 0 updated, 1 unchanged, 0 rejected/)
      await expectAccessible(page, 'oruk-import-report')
      await page.getByRole('link', { name: 'Import another feed' }).click()
      await page.getByRole('cell', { name: 'Example council directory (uploaded file)' }).first().waitFor()
      await expectAccessible(page, 'oruk-import-history')
    })
  })
})
