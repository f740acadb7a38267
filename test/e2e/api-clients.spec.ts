// SPDX-License-Identifier: AGPL-3.0-or-later
// An administrator connects a clinical system: creates an API key (seeing the error state first), copies it
// once, the system uses it on the FHIR API, and the administrator revokes it. Every page state passes axe;
// the same journey also works with JavaScript off.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, newContext, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

async function fhirStatus(key: string): Promise<number> {
  const response = await fetch(`${demo.server.baseUrl}/fhir/Task?_count=1`, {
    headers: { authorization: `Bearer ${key}` },
  })
  return response.status
}

describe('API keys', () => {
  for (const javaScript of [false, true]) {
    it(`an administrator creates, uses and revokes a key (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(demo.browser, { javaScript })
      context.setDefaultTimeout(20_000)
      try {
        const page = await context.newPage()
        // axe needs JavaScript in the page; without it the run checks that the journey still works.
        const check = async (label: string): Promise<void> => {
          if (javaScript) await expectAccessible(page, label)
        }
        const organisationName = demo.server.demo.organisations.get('sps')!.name
        await signIn(page, demo.server.baseUrl, 'admin@waymark.example', organisationName)
        await page.goto(`${demo.server.baseUrl}/admin/api-keys`)
        await check(`api-keys-list`)
        await page.getByRole('button', { name: 'Create an API key' }).click()
        await check(`api-keys-new`)
        await page.getByRole('button', { name: 'Create key' }).click()
        await page.getByText('There is a problem').waitFor()
        await check(`api-keys-new-error`)

        const name = `EMIS at the practice ${javaScript ? 'A' : 'B'}`
        await page.getByLabel('Name').fill(name)
        await page.getByRole('button', { name: 'Create key' }).click()
        await page.getByRole('heading', { name: 'API key created' }).waitFor()
        await check(`api-keys-created`)
        const key = (await page.locator('code.app-api-key').textContent())?.trim() ?? ''
        assert.match(key, /^wmk_[0-9a-f]{8}_/)
        assert.equal(await fhirStatus(key), 200)

        await page.getByRole('link', { name: 'Go to API keys' }).click()
        await page.getByRole('link', { name: `Revoke ${name}` }).click()
        await check(`api-keys-revoke`)
        await page.getByRole('button', { name: 'Revoke key' }).click()
        await page.getByRole('heading', { name: /API keys for/ }).waitFor()
        assert.equal(await fhirStatus(key), 401)
      } finally {
        await context.close()
      }
    })
  }
})
