// SPDX-License-Identifier: AGPL-3.0-or-later
// Connections in a real browser with axe on every page state: a link worker connects a person to a group on their
// plan (the form's error state included), the group is emailed, the link worker makes a fresh link (the first stops
// working), and the group (no account) answers from that link; the link worker records a first session and makes the
// group a register, where the group ticks who came. Then the
// same journey without JavaScript at phone width (axe needs JavaScript, so that pass checks the pages work).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()
const LINK_WORKER = 'sam.okafor@waymark.example'

/** Opens the connections of the first case on the caseload with a directory service on its plan still to connect. */
async function openCaseReadyToConnect(page: Page): Promise<string> {
  await page.goto(`${demo.server.baseUrl}/caseload`)
  const hrefs = await page
    .locator('table tbody a[href^="/caseload/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))])
  for (const href of hrefs) {
    await page.goto(`${demo.server.baseUrl}${href}/connections/new`)
    if (!(await page.getByRole('group', { name: 'Which service?' }).isVisible())) continue
    await page.goto(`${demo.server.baseUrl}${href}`)
    await page.getByRole('link', { name: /See and make connections/ }).click()
    await page.waitForURL(/\/connections$/)
    return href
  }
  throw new Error('No case ready to connect on the demo caseload')
}

/** Axe needs JavaScript: pages are checked in the JavaScript pass; the pass without it checks they work. */
async function checked(page: Page, label: string, axe: boolean): Promise<void> {
  if (axe) await expectAccessible(page, label)
}

async function connectFirstService(page: Page, name: string, axe = true): Promise<void> {
  await checked(page, `connections-${name}`, axe)
  await page.getByRole('button', { name: 'See suggested services' }).click()
  await page.waitForURL(/\/connections\/suggestions$/)
  await page.getByRole('heading', { name: /Suggested services/ }).waitFor()
  await checked(page, `suggestions-${name}`, axe)
  await page.goBack()
  await page.getByRole('link', { name: 'Connect them to a service on their plan' }).click()
  await page.waitForURL(/\/connections\/new/)
  await checked(page, `connect-form-${name}`, axe)
  await page.getByRole('button', { name: 'Connect' }).click()
  await page.getByText('There is a problem').waitFor()
  await page.getByText('Select the service to connect them to').first().waitFor()
  await checked(page, `connect-form-errors-${name}`, axe)
  await page.getByRole('group', { name: 'Which service?' }).getByRole('radio').first().check()
  await page.getByRole('group', { name: 'Which goal does it serve?' }).getByRole('radio').first().check()
  await page.getByLabel('Their name and how to contact them').check()
  await page.getByLabel('Yes, their link worker').check()
  await page.getByLabel('First session arrangements (optional)').fill('Meet at the door at 6.50pm')
  await page.getByRole('button', { name: 'Connect' }).click()
  await page.waitForURL(/saved=sent/)
}

describe('connections in the browser', () => {
  it('connects a person, and the group answers from its link with no account', async () => {
    let link = ''
    let register = ''
    let connectionUrl = ''
    let code = ''
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await openCaseReadyToConnect(page)
      await connectFirstService(page, 'js')
      await page.getByText('The group has been emailed a link').waitFor()
      assert.match(demo.server.emails.at(-1)!.text, /\/connections\/respond\//)
      await expectAccessible(page, 'connection-sent')
      connectionUrl = page.url().replace(/\?.*$/, '')
      await page.getByRole('button', { name: 'Make a new link for the group' }).click()
      await page.getByRole('heading', { name: /A new link for/ }).waitFor()
      await expectAccessible(page, 'connection-new-link')
      link = (await page.locator('.app-mono').textContent())!.trim()
      assert.match(link, /\/connections\/respond\/[A-Za-z0-9_-]{75}$/)
    })

    await demo.withPage(async (page) => {
      // The server's public address is configured; the test server listens on its own port.
      await page.goto(link.replace(/^https?:\/\/[^/]+/, demo.server.baseUrl))
      await page.getByRole('heading', { name: 'Someone would like to join you' }).waitFor()
      await page.getByText('Meet at the door at 6.50pm').waitFor()
      await expectAccessible(page, 'respond')
      await page.getByLabel('We cannot take them').check()
      await page.getByRole('button', { name: 'Send answer' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'respond-errors')
      await page.getByLabel('Yes, we can welcome them').check()
      await page.getByLabel('Anything the link worker should know (optional)').fill('We meet in the back room')
      await page.getByRole('button', { name: 'Send answer' }).click()
      await page.getByText('Thank you for your answer').first().waitFor()
      await expectAccessible(page, 'respond-thanks')
    })

    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(connectionUrl)
      await page.getByText('Accepted by the group').first().waitFor()
      await page.getByText('We meet in the back room').waitFor()
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Select what has happened').first().waitFor()
      await expectAccessible(page, 'connection-progress-errors')
      await page.getByLabel('They have been to a first session').check()
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForURL(/saved=progress/)
      await page.getByText('Their progress has been recorded.').waitFor()
      await expectAccessible(page, 'connection-started')
      // The link worker records a session the person went to yesterday (the group's register will tick today).
      await page.getByRole('link', { name: 'Record a session they went to' }).click()
      await page.getByLabel('Day').fill('')
      await page.getByRole('button', { name: 'Record the session' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'record-session-errors')
      const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
        .format(new Date(Date.now() - 86_400_000))
        .split('-') as [string, string, string]
      await page.getByLabel('Day').fill(day)
      await page.getByLabel('Month').fill(month)
      await page.getByLabel('Year').fill(year)
      await page.getByRole('button', { name: 'Record the session' }).click()
      await page.getByText('The session has been recorded.').waitFor()
      await expectAccessible(page, 'session-recorded')
      code = (await page
        .locator('.nhsuk-summary-list__row', { hasText: 'Their check-in code' })
        .locator('dd')
        .first()
        .textContent())!.trim()
      assert.match(code, /^[A-Z0-9]{3} [A-Z0-9]{3}$/)
      await page.getByRole('button', { name: 'Make a register link for the group' }).click()
      await page.getByRole('heading', { name: /A register link for/ }).waitFor()
      await expectAccessible(page, 'register-link')
      register = (await page.locator('.app-mono').textContent())!.trim()

      // Ending support asks whether they are still going to the group they started (not confirmed here).
      await page.goto(`${connectionUrl.replace(/\/connections\/[0-9a-f-]{36}$/, '')}/close`)
      await page.getByRole('heading', { name: 'End support' }).waitFor()
      await page.getByRole('button', { name: 'Continue to check the message back' }).click()
      await page
        .getByText(/Select whether they are still going to/)
        .first()
        .waitFor()
      await expectAccessible(page, 'close-still-going-errors')
      await page.getByRole('group', { name: 'Why is support ending?' }).getByRole('radio').first().check()
      await page.getByLabel('Closing summary').fill('Goes to the group every week.')
      for (const answer of await page.getByLabel('Yes, still going').all()) await answer.check()
      await page.getByRole('button', { name: 'Continue to check the message back' }).click()
      await page.getByText('Still going at the end of support').waitFor()
      await expectAccessible(page, 'close-check-still-going')
    })

    // The group ticks who came, from its register: no account.
    await demo.withPage(async (page) => {
      await page.goto(register.replace(/^https?:\/\/[^/]+/, demo.server.baseUrl))
      await page.getByRole('heading', { name: 'Who came to your session?' }).waitFor()
      await expectAccessible(page, 'register')
      await page.getByRole('button', { name: 'Save register' }).click()
      await page.getByText('Tick the people who came').first().waitFor()
      await expectAccessible(page, 'register-errors')
      await page.getByRole('group', { name: 'Who came?' }).getByRole('checkbox').first().check()
      await page.getByRole('button', { name: 'Save register' }).click()
      await page.getByText(/1 person recorded for/).waitFor()
      await expectAccessible(page, 'register-saved')
      // The person checks in with their own code on the group's device: a wrong code first.
      await page.getByLabel('Your check-in code').fill('ZZZ 999')
      await page.getByRole('button', { name: 'Check in' }).click()
      await page.getByText('We could not find that code for this group').first().waitFor()
      await expectAccessible(page, 'check-in-errors')
      await page.getByLabel('Your check-in code').fill(code.toLowerCase())
      await page.getByRole('button', { name: 'Check in' }).click()
      // The register already ticked them for today.
      await page.getByText('You were already checked in today').first().waitFor()
      await expectAccessible(page, 'checked-in')
    })
  })

  it('a community provider answers from its account, and an editor links an organisation to it', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'fiona.grant@waymark.example')
      await page.getByRole('link', { name: 'People connected to your groups' }).click()
      await page.getByRole('heading', { name: 'People connected to your groups' }).waitFor()
      await expectAccessible(page, 'provider-list')
      const waiting = page.locator('tr', { hasText: 'Waiting for your answer' }).getByRole('link').first()
      await waiting.click()
      await page.getByRole('heading', { name: 'Someone would like to join you' }).waitFor()
      await expectAccessible(page, 'provider-connection')
      await page.getByRole('button', { name: 'Send answer' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'provider-connection-errors')
      // On the waiting list for now: the no-JavaScript pass below takes them on from the same list.
      await page.getByLabel('We have put them on our waiting list').check()
      await page.getByRole('button', { name: 'Send answer' }).click()
      await page.getByText('Your answer has been recorded').first().waitFor()
      await expectAccessible(page, 'provider-answered')
    })
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'lorna.mackay@waymark.example')
      await page.goto(`${demo.server.baseUrl}/directory?text=walk`)
      await page.locator('a[href^="/directory/services/"]').first().click()
      await page.getByRole('link', { name: 'Edit the listing' }).click()
      await page.getByLabel(/How many new people can it take a month/).fill('lots')
      await page.getByRole('button', { name: /Save/ }).first().click()
      await page.getByText('Enter how many new people it can take a month').first().waitFor()
      await expectAccessible(page, 'listing-monthly-places-errors')
      await page.goBack()
      await page.goBack()
      await page.getByRole('link', { name: /^Edit (?!the listing)/ }).click()
      await page.getByLabel('Who runs it in Waymark (optional)').selectOption({ label: 'Northfield Community Hub' })
      await expectAccessible(page, 'organisation-form')
      await page.getByRole('button', { name: 'Save organisation' }).click()
      await page.waitForURL(/done=organization/)
    })
  })

  it('connects, and the group answers, without JavaScript on a phone-width screen', async () => {
    await demo.withPage(
      async (page) => {
        await page.setViewportSize({ width: 390, height: 844 })
        await signIn(page, demo.server.baseUrl, 'megan.reid@waymark.example')
        await openCaseReadyToConnect(page)
        await connectFirstService(page, 'no-js', false)
        const link = /https?:\/\/\S+\/connections\/respond\/\S+/.exec(demo.server.emails.at(-1)!.text)![0]
        const listUrl = page.url().replace(/\/[0-9a-f-]{36}\?.*$/, '')
        await page.goto(link.replace(/^https?:\/\/[^/]+/, demo.server.baseUrl))
        await page.getByLabel('We have put them on our waiting list').check()
        await page.getByRole('button', { name: 'Send answer' }).click()
        await page.getByText('Thank you for your answer').first().waitFor()
        await page.goto(listUrl)
        await page.getByText('On the waiting list').first().waitFor()
      },
      { javaScript: false },
    )
    // The community provider's account, at phone width without JavaScript: its list, and answering from it.
    await demo.withPage(
      async (page) => {
        await page.setViewportSize({ width: 390, height: 844 })
        await signIn(page, demo.server.baseUrl, 'fiona.grant@waymark.example')
        await page.goto(`${demo.server.baseUrl}/connections/group`)
        await page.getByRole('heading', { name: 'People connected to your groups' }).waitFor()
        await page.locator('tr', { hasText: 'Waiting for your answer' }).getByRole('link').first().click()
        await page.getByLabel('Yes, we can welcome them').check()
        await page.getByRole('button', { name: 'Send answer' }).click()
        await page.getByText('Your answer has been recorded').first().waitFor()
      },
      { javaScript: false },
    )
  })
})
