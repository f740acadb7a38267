// SPDX-License-Identifier: AGPL-3.0-or-later
// The "what matters" conversation and the personalised plan in a real browser with axe on every page state: a
// link worker records the conversation, makes a plan (growing the form and searching the directory), records
// the person's agreement and reviews the plan. Also the plan form without JavaScript.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

const LINK_WORKER = 'megan.reid@waymark.example'

/** Opens the first case on the caseload with no conversation yet (resuming it if the demo left it paused). */
async function openCaseWithoutConversation(page: Page): Promise<string> {
  await page.goto(`${demo.server.baseUrl}/caseload`)
  const hrefs = await page
    .locator('table tbody a[href^="/caseload/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))])
  for (const href of hrefs) {
    await page.goto(`${demo.server.baseUrl}${href}`)
    if (await page.getByRole('link', { name: 'Record the “what matters” conversation' }).isVisible()) {
      if (await page.getByRole('button', { name: 'Resume support' }).isVisible()) {
        await page.getByRole('button', { name: 'Resume support' }).click()
        await page.getByText('Support has resumed').waitFor()
      }
      return href
    }
  }
  throw new Error('No case without a conversation on the demo caseload')
}

async function fillDate(page: Page, prefix: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string]
  await page.locator(`#${prefix}Day`).fill(day)
  await page.locator(`#${prefix}Month`).fill(month)
  await page.locator(`#${prefix}Year`).fill(year)
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

describe('the conversation and the plan in the browser', () => {
  it('records what matters, makes and agrees a plan, and reviews it', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      const caseHref = await openCaseWithoutConversation(page)
      await expectAccessible(page, 'episode-before-conversation')

      // The conversation: refused without what matters, then saved.
      await page.getByRole('link', { name: 'Record the “what matters” conversation' }).click()
      await page.waitForURL(/\/conversation$/)
      await expectAccessible(page, 'conversation')
      await page.getByLabel('Interests (optional)').fill('Played the ukulele in a folk band; danced the tango.')
      await page.getByRole('button', { name: 'Save conversation' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByText('Enter what matters to them, in their own words').first().waitFor()
      assert.equal(
        await page.getByLabel('Interests (optional)').inputValue(),
        'Played the ukulele in a folk band; danced the tango.',
      )
      await expectAccessible(page, 'conversation-errors')
      await page.getByLabel('What matters to them').fill('Getting back to playing the ukulele with other people')
      await page
        .getByRole('group', { name: /which did the conversation confirm/ })
        .getByRole('checkbox')
        .first()
        .check()
      await page.getByLabel('Getting online (digital exclusion)').check()
      await page.getByRole('button', { name: 'Save conversation' }).click()
      await page.waitForURL(/saved=conversation/)
      await page.getByText('The conversation has been saved.').waitFor()

      // The plan: empty, then the form with its error state.
      await page.getByRole('link', { name: /Make or continue the plan/ }).click()
      await page.waitForURL(/\/plan$/)
      await page.getByText('There is no plan yet.').waitFor()
      await expectAccessible(page, 'plan-empty')
      await page.getByRole('button', { name: 'Make the plan' }).click()
      await page.waitForURL(/\/plan\/edit$/)
      await expectAccessible(page, 'plan-form')
      await page.getByRole('button', { name: 'Save the plan' }).click()
      await page.getByText('Enter at least one goal in the person’s own words').first().waitFor()
      await expectAccessible(page, 'plan-form-errors')

      const goal1 = page.getByRole('group', { name: 'Goal 1' })
      await goal1.getByLabel('The goal, in their own words').fill('Get back to playing the ukulele with other people')
      // Five ways and barriers are folded away until asked for.
      assert.equal(await goal1.getByLabel('Connect').isVisible(), false)
      await goal1.getByText('Five ways to wellbeing and what might get in the way').click()
      await goal1.getByLabel('Connect').check()
      await goal1.getByLabel('Confidence').check()
      await page.getByRole('button', { name: 'Add another goal' }).click()
      const goal2 = page.getByRole('group', { name: 'Goal 2' })
      await goal2.getByLabel(/The goal, in their own words/).fill('Video call my grandchildren by myself')
      await goal2.getByText('Five ways to wellbeing and what might get in the way').click()
      await goal2.getByLabel('Keep learning').check()
      assert.equal(await goal1.getByLabel('Connect').isChecked(), true)
      // What was chosen shows on the folded summary.
      await goal1.getByText(/what might get in the way: Connect, Confidence/).waitFor()

      const action1 = page.getByRole('group', { name: 'Action 1' })
      await action1.getByLabel('What').fill('Go together to the first session')
      await action1.getByLabel('Who does it').fill('Megan')
      await action1.getByLabel('Which goal it is for').selectOption('1')

      // A service to try, found in the directory by posting the form back.
      const service1 = page.getByRole('group', { name: 'Service to try 1' })
      await service1.getByRole('textbox', { name: 'Search the directory' }).fill('walk')
      await service1.getByRole('button', { name: /Search the directory for service to try 1/ }).click()
      await page.getByRole('group', { name: 'Directory service' }).getByRole('radio').first().waitFor()
      await expectAccessible(page, 'plan-form-directory-results')
      const chosen = (await page
        .getByRole('group', { name: 'Directory service' })
        .locator('label')
        .first()
        .textContent())!.trim()
      await page.getByRole('group', { name: 'Directory service' }).getByRole('radio').first().check()
      await fillDate(page, 'review', daysFromNow(30))
      await page.getByLabel('Next steps (optional)').fill('Megan will phone after the first session.')
      await page.getByRole('button', { name: 'Save the plan' }).click()
      await page.waitForURL(/saved=plan/)
      await page.getByText('The plan has been saved as a draft.').waitFor()
      await page.getByText(chosen).first().waitFor()
      await expectAccessible(page, 'plan-draft')

      // Agreement: the error state, then agreed in person.
      await page.getByRole('button', { name: 'Record their agreement' }).click()
      await page.waitForURL(/\/plan\/agree$/)
      await expectAccessible(page, 'plan-agree')
      await page.getByRole('button', { name: 'Record agreement' }).click()
      await page.getByText('Select how they agreed the plan').first().waitFor()
      await expectAccessible(page, 'plan-agree-errors')
      await page.getByLabel('In person').check()
      await page.getByRole('button', { name: 'Record agreement' }).click()
      await page.waitForURL(/saved=agreed/)
      await page.getByText('Their agreement has been recorded.').waitFor()
      await expectAccessible(page, 'plan-agreed')

      // A review with progress on each goal.
      await page.getByRole('button', { name: 'Record a review' }).click()
      await page.waitForURL(/\/reviews\/new$/)
      await expectAccessible(page, 'plan-review')
      await page.getByRole('button', { name: 'Record review' }).click()
      await page.getByText('Select the progress on goal 1').first().waitFor()
      await expectAccessible(page, 'plan-review-errors')
      await page.getByRole('group', { name: 'Progress on goal 1' }).getByLabel('Some progress').check()
      await page.getByRole('group', { name: 'Progress on goal 2' }).getByLabel('Not started').check()
      await page.getByLabel('Note on goal 1 (optional)').fill('Been twice and enjoyed it')
      await page.getByRole('group', { name: 'Which actions are done?' }).getByRole('checkbox').first().check()
      await page.getByRole('button', { name: 'Record review' }).click()
      await page.waitForURL(/saved=review/)
      await page.getByText('Been twice and enjoyed it').first().waitFor()
      await page.getByText('Done', { exact: true }).first().waitFor()
      await expectAccessible(page, 'plan-reviewed')

      await page.getByRole('link', { name: 'Version 1' }).click()
      await page.getByRole('heading', { level: 1, name: /Plan version 1/ }).waitFor()
      await expectAccessible(page, 'plan-version')

      await page.goto(`${demo.server.baseUrl}${caseHref}`)
      await page.getByText(/First agreed on/).waitFor()
    })
  })

  it('grows the plan form and saves it without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, LINK_WORKER)
        const caseHref = await openCaseWithoutConversation(page)
        await page.goto(`${demo.server.baseUrl}${caseHref}/plan/edit`)
        await page
          .getByRole('group', { name: 'Goal 1' })
          .getByLabel('The goal, in their own words')
          .fill('Dance the tango again')
        await page.getByRole('button', { name: 'Add another action' }).click()
        await page.getByRole('group', { name: 'Action 2' }).waitFor()
        assert.equal(
          await page.getByRole('group', { name: 'Goal 1' }).getByLabel('The goal, in their own words').inputValue(),
          'Dance the tango again',
        )
        await fillDate(page, 'review', daysFromNow(20))
        await page.getByRole('button', { name: 'Save the plan' }).click()
        await page.waitForURL(/saved=plan/)
        await page.getByText('“Dance the tango again”').first().waitFor()
      },
      { javaScript: false },
    )
  })
})
