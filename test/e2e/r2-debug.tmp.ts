import type { Browser } from 'playwright-core'
import { launchBrowser, newContext, signIn } from './helpers/browser.ts'
import { startDemoServer } from './helpers/server.ts'
const server = await startDemoServer()
const browser: Browser = await launchBrowser()
const context = await newContext(browser, { javaScript: true })
context.setDefaultTimeout(15000)
const page = await context.newPage()
try {
  await signIn(page, server.baseUrl, 'admin@waymark.example', server.demo.organisations.get('sps')!.name)
  await page.goto(`${server.baseUrl}/admin/api-keys/new`)
  await page.getByLabel('Name').fill('Debug key')
  await page.getByRole('button', { name: 'Create key' }).click()
  const key = (await page.locator('code.app-api-key').textContent())?.trim() ?? ''
  console.log('key', key.slice(0, 12))
  const r = await fetch(`${server.baseUrl}/fhir/Task?_count=1`, { headers: { authorization: `Bearer ${key}` } })
  console.log('fhir', r.status)
  await page.getByRole('link', { name: 'Go to API keys' }).click()
  await page.getByRole('link', { name: 'Revoke Debug key' }).click()
  console.log('url', page.url())
  await page.getByRole('button', { name: 'Revoke key' }).click()
  console.log('after', page.url(), (await page.locator('h1').textContent()))
  const r2 = await fetch(`${server.baseUrl}/fhir/Task?_count=1`, { headers: { authorization: `Bearer ${key}` } })
  console.log('fhir2', r2.status)
} catch (e) { console.log('ERR', String(e).slice(0, 500), page.url()) }
await browser.close(); await server.stop()
