// SPDX-License-Identifier: AGPL-3.0-or-later
// Escalating, ending support with the message back, and the supervisor's team view, in a real browser with
// axe on every page state: a link worker refers someone on and ends another's support; the supervisor reads
// the team, reallocates someone from the worker over capacity and changes the casework settings.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

const LINK_WORKER = 'megan.reid@waymark.example'
const SUPERVISOR = 'priya.shah@waymark.example'
// The team seed gives Megan this person, with an onward referral still waiting for an answer.
const PERSON = 'Fiona Gauld'

describe('escalation, closing and the team view in the browser', () => {
  it('a link worker refers someone on, records the outcome, and ends support with the message back', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(`${demo.server.baseUrl}/caseload?sort=name`)
      await page.getByRole('link', { name: PERSON }).first().click()
      await page.getByRole('heading', { level: 1, name: new RegExp(PERSON) }).waitFor()
      await page.getByRole('heading', { name: 'Onward referrals' }).waitFor()
      await page.getByText('Community mental health team, Royal Cornhill').first().waitFor()
      await expectAccessible(page, 'episode-with-escalations')

      await page.getByRole('button', { name: 'Refer on' }).click()
      await page.waitForURL(/\/escalations\/new$/)
      await expectAccessible(page, 'escalate')
      await page.getByRole('button', { name: 'Record the referral' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByText('Select what kind of onward referral this is').first().waitFor()
      await expectAccessible(page, 'escalate-errors')
      await page.getByLabel('Safeguarding concern raised').check()
      await page.getByLabel('Who did you refer them to?').fill('Adult protection team, Granite City Council')
      await page.getByLabel('Why?').fill('Unexplained bruising and a neighbour worried about visitors.')
      await page.getByRole('group', { name: 'Was it urgent?' }).getByLabel('Yes').check()
      await page.getByRole('button', { name: 'Record the referral' }).click()
      await page.getByText('The onward referral has been recorded.').waitFor()
      await page
        .getByText(/Safeguarding concern raised/)
        .first()
        .waitFor()

      await page.getByRole('link', { name: /Record outcome.*Royal Cornhill/ }).click()
      await page.waitForURL(/\/outcome$/)
      await expectAccessible(page, 'escalation-outcome')
      await page.getByLabel('Accepted').check()
      await page.getByLabel(/What happened/).fill('Seen by the duty worker; follow-up booked.')
      await page.getByRole('button', { name: 'Save the outcome' }).click()
      await page.getByText('The outcome of the onward referral has been saved.').waitFor()

      await page.getByRole('button', { name: 'End support' }).click()
      await page.waitForURL(/\/close$/)
      await expectAccessible(page, 'close')
      await page.getByLabel('What they were connected to (optional)').fill('Northfield lunch club')
      // The summary may start with what their questionnaires show (outcomes integration tests cover that): empty it.
      await page.getByLabel('Closing summary').fill('')
      await page.getByRole('button', { name: 'Continue to check the message back' }).click()
      await page.getByText('Enter a closing summary for the GP and referrer').first().waitFor()
      assert.equal(
        await page.getByLabel('What they were connected to (optional)').inputValue(),
        'Northfield lunch club',
      )
      await expectAccessible(page, 'close-errors')
      await page.getByLabel('Connected and independent').check()
      await page.getByLabel('Closing summary').fill('Goes to the lunch club every Wednesday and feels less alone.')
      await page.getByRole('button', { name: 'Continue to check the message back' }).click()
      await page.getByRole('heading', { name: /Check the message back before ending support/ }).waitFor()
      await expectAccessible(page, 'close-check')
      await page.getByRole('button', { name: 'End support and send the message back' }).click()
      await page.waitForURL(/\/closed$/)
      await page.getByRole('heading', { name: 'Support has ended' }).waitFor()
      await expectAccessible(page, 'closed-confirmation')

      await page.getByRole('link', { name: 'Read the message back' }).click()
      await page.getByText('Goes to the lunch club every Wednesday and feels less alone.').waitFor()
      await page.goBack()
      await page.getByRole('link', { name: new RegExp(`See ${PERSON}`) }).click()
      await page.getByText(/Support ended on/).waitFor()
      assert.equal(await page.getByRole('button', { name: 'Record a contact' }).count(), 0)
      await expectAccessible(page, 'closed-episode')
    })
  })

  it('a supervisor reads the team, reallocates from the worker over capacity, and changes the settings', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, SUPERVISOR)
      await page.getByRole('link', { name: 'Team', exact: true }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Your team' }).waitFor()
      const tom = page.getByRole('row').filter({ hasText: 'Tom Baird' })
      await tom.getByText('Over capacity').waitFor()
      await expectAccessible(page, 'team')

      await tom.getByRole('link', { name: 'Tom Baird' }).click()
      await page.getByRole('heading', { level: 1, name: /Tom Baird’s caseload/ }).waitFor()
      await expectAccessible(page, 'worker')
      const firstRow = page.locator('tbody tr').first()
      await firstRow.getByRole('link', { name: /^Reallocate/ }).click()
      await page.waitForURL(/\/reallocate\//)
      await expectAccessible(page, 'reallocate')
      await page.getByRole('button', { name: 'Reallocate' }).click()
      await page.getByText('Select who should support this person now').first().waitFor()
      await expectAccessible(page, 'reallocate-errors')
      await page.getByLabel('Sam Okafor').check()
      await page.getByLabel('Why are you reallocating?').fill('Balancing caseloads: Tom is over capacity.')
      await page.getByRole('button', { name: 'Reallocate' }).click()
      await page.getByText('The person has been reallocated.').waitFor()

      await page.getByRole('link', { name: /Change capacity/ }).click()
      await page.waitForURL(/\/capacity$/)
      await expectAccessible(page, 'capacity')

      await page.goto(`${demo.server.baseUrl}/team/settings`)
      await expectAccessible(page, 'settings')
      await page.getByLabel('Contacts allowed on the short-term pathway').fill('0')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page
        .getByText('The number of contacts allowed on the short-term pathway must be between 1 and 60')
        .first()
        .waitFor()
      await expectAccessible(page, 'settings-errors')
      await page.getByLabel('Contacts allowed on the short-term pathway').fill('6')
      await page.getByLabel('Contacts allowed on the long-term pathway').fill('10')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.getByText('The casework settings have been saved.').waitFor()
      await page.getByText(/People get 6 contacts on the short-term pathway and 10 on the long-term/).waitFor()
    })
  })

  it('reallocation works without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, SUPERVISOR)
        await page.goto(`${demo.server.baseUrl}/team`)
        await page.getByRole('link', { name: 'Megan Reid' }).click()
        await page
          .getByRole('link', { name: /^Reallocate/ })
          .first()
          .click()
        await page.getByLabel('Tom Baird').check()
        await page.getByLabel('Why are you reallocating?').fill('Needs a long-term connector.')
        await page.getByRole('button', { name: 'Reallocate' }).click()
        await page.getByText('The person has been reallocated.').waitFor()
      },
      { javaScript: false },
    )
  })
})
