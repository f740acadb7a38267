// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes in a real browser with axe on every page state: from the caseload's "baseline due", a link worker asks
// ONS4 (submitting it empty first, to see the error summary), then a 12-week follow-up, and sees the change chart
// on the outcomes page and the episode page. Then the same at phone width without JavaScript with UCLA-3.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

async function answerOns4(page: Page, answers: [number, number, number, number]): Promise<void> {
  const questions = [
    '1. Overall, how satisfied',
    '2. Overall, to what extent',
    '3. Overall, how happy',
    '4. On a scale',
  ]
  for (const [index, start] of questions.entries())
    await page
      .getByRole('group', { name: new RegExp(start.replace('.', '\\.')) })
      .getByRole('radio', { name: String(answers[index]), exact: true })
      .check()
}

describe('outcomes in the browser', () => {
  it('records a baseline and a follow-up from the caseload and shows the change', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await page.getByRole('heading', { name: 'To follow up' }).waitFor()
      const due = page
        .locator('li', { hasText: /Baseline questionnaires (due|overdue)/ })
        .getByRole('link')
        .first()
      await due.click()
      await page.getByRole('heading', { name: /Wellbeing and loneliness/ }).waitFor()
      await page.getByText('No questionnaires recorded yet.').waitFor()
      await expectAccessible(page, 'outcomes-empty')
      await page.getByRole('button', { name: 'Record a questionnaire' }).click()
      await page.getByRole('heading', { name: /Choose a questionnaire/ }).waitFor()
      await page.getByText('SWEMWBS').first().waitFor()
      await expectAccessible(page, 'outcomes-choose')
      await page.getByRole('link', { name: 'ONS personal wellbeing (ONS4)' }).click()
      await page.getByRole('button', { name: 'Save their answers' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByRole('link', { name: 'Answer at least one question' }).waitFor()
      await expectAccessible(page, 'outcomes-record-errors')
      await answerOns4(page, [3, 4, 2, 8])
      await expectAccessible(page, 'outcomes-record')
      await page.getByRole('button', { name: 'Save their answers' }).click()
      await page.getByText('Their answers to the ONS personal wellbeing (ONS4) have been saved.').waitFor()
      assert.equal(await page.locator('svg.app-chart').count(), 4)
      await expectAccessible(page, 'outcomes-baseline')

      // The follow-up: the form now starts on "Follow-up"; the person feels better.
      await page.getByRole('button', { name: 'Record a questionnaire' }).click()
      await page.getByRole('link', { name: 'ONS personal wellbeing (ONS4)' }).click()
      assert.equal(await page.getByLabel('Follow-up').isChecked(), true)
      await answerOns4(page, [6, 6, 5, 3])
      await page.getByRole('button', { name: 'Save their answers' }).click()
      await page.getByText('have been saved').waitFor()
      const satisfaction = page.locator('.app-outcome-score', { hasText: 'Life satisfaction' })
      await satisfaction.locator('.nhsuk-tag', { hasText: 'Meaningful improvement' }).waitFor()
      assert.match(
        (await satisfaction.locator('figcaption').textContent())!,
        /Life satisfaction \(0 to 10, higher is better\): 3 on .*, 6 on .*: meaningful improvement\./,
      )
      assert.equal(await satisfaction.locator('tbody tr').count(), 2)
      await expectAccessible(page, 'outcomes-follow-up')

      await page.getByRole('link', { name: 'Back' }).click()
      await page.getByRole('heading', { name: 'Wellbeing and loneliness' }).waitFor()
      await page.getByText(/ONS personal wellbeing \(ONS4\): life satisfaction/).waitFor()
      await expectAccessible(page, 'episode-with-outcomes')
    })
  })

  it('records UCLA-3 without JavaScript on a phone-width screen, keeping what was typed when refused', async () => {
    await demo.withPage(
      async (page) => {
        await page.setViewportSize({ width: 390, height: 844 })
        await signIn(page, demo.server.baseUrl, 'megan.reid@waymark.example')
        await page.goto(`${demo.server.baseUrl}/caseload`)
        await page
          .locator('li', { hasText: /Baseline questionnaires (due|overdue)/ })
          .getByRole('link')
          .first()
          .click()
        await page.getByRole('button', { name: 'Record a questionnaire' }).click()
        await page.getByRole('link', { name: 'UCLA three-item loneliness scale' }).click()
        await page
          .getByRole('group', { name: /1\. How often do you feel that you lack/ })
          .getByLabel('Often')
          .check()
        await page.getByLabel('Day').fill('31')
        await page.getByLabel('Month').fill('2')
        await page.getByRole('button', { name: 'Save their answers' }).click()
        await page.getByText('The date they answered must be a real date').first().waitFor()
        assert.equal(
          await page
            .getByRole('group', { name: /1\. How often do you feel that you lack/ })
            .getByLabel('Often')
            .isChecked(),
          true,
        )
        const today = new Date()
        await page.getByLabel('Day').fill(String(today.getDate()))
        await page.getByLabel('Month').fill(String(today.getMonth() + 1))
        await page
          .getByRole('group', { name: /2\. How often do you feel left out/ })
          .getByLabel('Some of the time')
          .check()
        await page
          .getByRole('group', { name: /3\. How often do you feel isolated/ })
          .getByLabel('Often')
          .check()
        await page.getByRole('button', { name: 'Save their answers' }).click()
        await page.getByText('have been saved').waitFor()
        const loneliness = page.locator('.app-outcome-score', { hasText: 'Loneliness score' })
        assert.match(
          (await loneliness.locator('figcaption').textContent())!,
          /Loneliness score \(3 to 9, lower is better\): 8 on /,
        )
      },
      { javaScript: false },
    )
  })

  it('a person answers from a printed code, one question at a time, stops and comes back, and sees their answers', async () => {
    let link = ''
    let code = ''
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await page.locator('table tbody a[href^="/caseload/"]').first().click()
      await page.getByRole('link', { name: /See every score and record a questionnaire/ }).click()
      await page.getByRole('heading', { name: 'Ask them to answer on their own phone or computer' }).waitFor()
      await page.getByRole('button', { name: 'Send the link' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByText('Select how to give them the link').first().waitFor()
      await expectAccessible(page, 'outcomes-invite-errors')
      await page.getByLabel('Print it for them').check()
      await page.getByRole('button', { name: 'Send the link' }).click()
      await page.getByRole('heading', { name: /A link to print for them/ }).waitFor()
      await expectAccessible(page, 'outcomes-invite-printed')
      code = (await page.locator('.nhsuk-card strong').textContent())!.trim()
    })
    // The person, on their own: no account. They type the code from the letter at /q.
    await demo.withPage(async (page) => {
      await page.goto(`${demo.server.baseUrl}/q`)
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'person-code-errors')
      await page.getByLabel('Enter the code from your letter').fill(code.toLowerCase())
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { name: /A few questions from/ }).waitFor()
      link = page.url()
      await expectAccessible(page, 'person-start')
      await page.getByRole('link', { name: 'ONS4 wellbeing', exact: true }).click()
      await page.getByText('Question 1 of 4').waitFor()
      await expectAccessible(page, 'person-question-1')
      await page.getByRole('radio', { name: '7', exact: true }).check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('Question 2 of 4').waitFor()
      // Stop here, and come back later.
      await page.getByRole('button', { name: 'Save and finish later' }).click()
      await page.getByText('Your answers so far are saved').waitFor()
      await page.getByText('Started', { exact: true }).waitFor()
      await page.getByRole('link', { name: 'ONS4 wellbeing', exact: true }).click()
      await page.getByText('Question 2 of 4').waitFor()
      await page.getByRole('radio', { name: '6', exact: true }).check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('button', { name: 'Continue' }).click() // question 3 skipped
      await page.getByText('Question 4 of 4').waitFor()
      await page.getByRole('radio', { name: '2', exact: true }).check()
      await page.getByRole('button', { name: 'Send my answers' }).click()
      await page.getByText('Thank you. Your answers to “ONS4 wellbeing” have been sent.').waitFor()
      await expectAccessible(page, 'person-one-done')
      await page.getByRole('link', { name: 'See your answers over time' }).click()
      await page.getByRole('heading', { name: 'Your answers over time' }).waitFor()
      await page
        .getByText(/Life satisfaction \(0 to 10, higher is better\): .*7 on/)
        .first()
        .waitFor()
      await expectAccessible(page, 'person-own-answers')
    })
    // The same link without JavaScript on a phone: all the questions of the next questionnaire on one page.
    await demo.withPage(
      async (page) => {
        await page.setViewportSize({ width: 390, height: 844 })
        await page.goto(link)
        await page.getByRole('link', { name: /See all the questions on one page for UCLA-3 loneliness/ }).click()
        await page
          .getByRole('group', { name: /lack companionship/ })
          .getByLabel('Some of the time')
          .check()
        await page
          .getByRole('group', { name: /left out/ })
          .getByLabel('Hardly ever or never')
          .check()
        await page
          .getByRole('group', { name: /isolated from others/ })
          .getByLabel('Some of the time')
          .check()
        await page.getByRole('button', { name: 'Send my answers' }).click()
        await page.getByText('Thank you. Your answers to “UCLA-3 loneliness” have been sent.').waitFor()
      },
      { javaScript: false },
    )
  })

  it('a supervisor loads MYCaW’s licensed wording, and a link worker asks it on a phone: concerns in their words', async () => {
    const labels = {
      0: 'Not at all',
      1: 'Hardly',
      2: 'A little',
      3: 'Somewhat',
      4: 'Quite a lot',
      5: 'A lot',
      6: 'Greatly',
    }
    const pack = {
      format: 'waymark-instrument-content/1',
      instrument: 'mycaw',
      version: 1,
      preamble: 'Test wording standing in for the licensed copy.',
      items: {
        concern1Name: 'What is the concern that matters most to you?',
        concern1: 'How much does it bother you now?',
        concern2Name: 'Is there another concern?',
        concern2: 'How much does that one bother you now?',
        wellbeing: 'How would you rate your general feeling of wellbeing?',
      },
      responseLabels: { concern: labels, wellbeing: labels },
    }
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/outcomes/settings`)
      await page.getByRole('link', { name: 'Load the wording of a licensed questionnaire' }).click()
      await page.getByRole('heading', { name: 'Licensed questionnaires' }).waitFor()
      await page.getByRole('button', { name: 'Load the wording' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'content-packs-errors')
      await page.locator('input[type="file"]').setInputFiles({
        name: 'mycaw.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(pack)),
      })
      await page.getByRole('button', { name: 'Load the wording' }).click()
      await page.getByText('The wording of Measure Yourself Concerns and Wellbeing (MYCaW) has been loaded.').waitFor()
      await expectAccessible(page, 'content-packs-loaded')
    })
    await demo.withPage(async (page) => {
      await page.setViewportSize({ width: 390, height: 844 })
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await page.locator('table tbody a[href^="/caseload/"]').nth(1).click()
      await page.getByRole('link', { name: /See every score and record a questionnaire/ }).click()
      await page.getByRole('button', { name: 'Record a questionnaire' }).click()
      await page.getByRole('link', { name: 'Measure Yourself Concerns and Wellbeing (MYCaW)' }).click()
      await page
        .getByLabel('1. What is the concern that matters most to you?')
        .fill('Going out on my own since the fall')
      await page
        .getByRole('group', { name: /2\. How much does it bother you now/ })
        .getByLabel('A lot', { exact: true })
        .check()
      // A second concern scored without saying what it is.
      await page
        .getByRole('group', { name: /4\. How much does that one bother/ })
        .getByLabel('Somewhat', { exact: true })
        .check()
      await page
        .getByRole('group', { name: /5\. How would you rate/ })
        .getByLabel('Quite a lot', { exact: true })
        .check()
      await page.getByRole('button', { name: 'Save their answers' }).click()
      await page.getByText('There is a problem').waitFor()
      await page
        .getByText(/Question 4: say what this is about/)
        .first()
        .waitFor()
      assert.equal(
        await page.getByLabel('1. What is the concern that matters most to you?').inputValue(),
        'Going out on my own since the fall',
      )
      await expectAccessible(page, 'mycaw-record-errors')
      await page.getByLabel('3. Is there another concern?').fill('Money')
      await page.getByRole('button', { name: 'Save their answers' }).click()
      await page.getByText('have been saved').waitFor()
      await page
        .getByText(/First concern: “Going out on my own since the fall” \(0 to 6, lower is better\): 5 on/)
        .first()
        .waitFor()
      await expectAccessible(page, 'mycaw-saved')
    })
  })

  it('records health and care use, and a supervisor sets the questionnaires and imports an extract', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await page.locator('table tbody a[href^="/caseload/"]').nth(1).click()
      await page.getByRole('link', { name: /See every score and record a questionnaire/ }).click()
      await page.getByRole('link', { name: /their health and care use before and after the referral/ }).click()
      await page.getByRole('heading', { name: /Health and care use/ }).waitFor()
      await page.getByLabel('GP appointments').first().fill('many')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'service-use-errors')
      await page.getByLabel('GP appointments').first().fill('7')
      await page.getByLabel('GP appointments').nth(1).fill('3')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Their health and care use has been saved.').waitFor()
    })
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.getByRole('link', { name: 'Questionnaires your service asks' }).click()
      await page.getByRole('heading', { name: 'Questionnaires your service asks' }).waitFor()
      await expectAccessible(page, 'outcome-settings')
      await page.getByLabel('Ask again after').fill('2')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Weeks between questionnaires must be a whole number from 4 to 52').first().waitFor()
      await expectAccessible(page, 'outcome-settings-errors')
      await page.getByLabel('Ask again after').fill('10')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('have been saved').waitFor()
      await page.goto(`${demo.server.baseUrl}/outcomes/service-use/import`)
      await expectAccessible(page, 'service-use-import')
      await page.locator('input[type=file][name=file]').setInputFiles({
        name: 'extract.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'nhs_number,period,months,gp_appointments,ae_attendances,calls_999,admissions\n1234567890,before,6,1,1,1,1\n',
        ),
      })
      await page.getByRole('button', { name: 'Import' }).click()
      await page.getByText('0 rows were imported. 1 row was not.').waitFor()
      await expectAccessible(page, 'service-use-import-report')
    })
  })
})
