// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeAction, leafletSizeFrom, longDate, presentLeaflet, URGENT_HELP } from './leaflet.ts'
import { exampleLeafletData } from './leaflet.fixtures.ts'

describe('presentLeaflet', () => {
  const view = presentLeaflet(exampleLeafletData(), 'Granite City Social Prescribing Service')

  it('names the service, the link worker and the person, and says the plan is agreed', () => {
    assert.equal(view.title, 'Your plan with Megan Reid')
    assert.equal(view.serviceName, 'Granite City Social Prescribing Service')
    assert.equal(view.personName, 'Margaret Thomson')
    assert.equal(view.draft, false)
    assert.equal(view.status, 'Agreed on 10 November 2026')
    assert.deepEqual(view.linkWorker, {
      name: 'Megan Reid',
      phone: '07700 900 318',
      email: 'megan.reid@example.org',
      availability: 'Tuesday to Thursday, 9am to 5pm',
      photoHref: null,
      photoAlt: 'Photo of Megan Reid',
    })
    assert.equal(view.urgentHelp, URGENT_HELP)
    assert.match(view.urgentHelp, /NHS 111/)
    assert.match(view.urgentHelp, /999/)
  })

  it('keeps goals in the person’s words, with the five ways as words and their own actions and services', () => {
    assert.equal(view.whatMatters, 'Getting out of the flat and making music with people again.')
    assert.equal(view.goals.length, 2)
    assert.equal(view.goals[0]!.inTheirWords, 'Play the ukulele with other people again')
    assert.equal(view.goals[0]!.workingOn, 'Connect, Keep learning')
    // A code the leaflet does not know is left out rather than printed raw.
    assert.equal(view.goals[1]!.workingOn, 'Be active')
    assert.deepEqual(view.goals[0]!.actions, [
      { what: 'Phone the Strum Along group.', who: 'Megan', byWhen: '20 November 2026', done: false },
    ])
    assert.deepEqual(view.goals[0]!.services, [
      {
        name: 'Strum Along ukulele group',
        details: 'Thursdays 2pm',
        contact: [
          ['When', 'Every Thursday, 2pm to 3:30pm'],
          ['Next session', 'Thursday 3 December 2026 at 2pm'],
          ['Phone', '01632 960 555'],
          ['Email', 'hello@strum.example'],
          ['Address', 'Northfield Hub, AB1 2CD'],
        ],
      },
    ])
  })

  it('puts actions and services for the whole plan (or for a goal no longer in it) together', () => {
    assert.deepEqual(
      view.otherActions.map((a) => a.what),
      ['Apply for a bus pass', 'Ask the GP about the knee'],
    )
    // A closed or missing listing prints without contact details; the plan keeps its name.
    assert.deepEqual(
      view.otherServices.map((s) => [s.name, s.contact.length]),
      [
        ['Lunch club', 0],
        ['Age Well befriending', 0],
      ],
    )
  })

  it('gives the plan’s review date, or the episode’s when the plan has none', () => {
    assert.equal(view.nextReview, '15 December 2026')
    const data = exampleLeafletData()
    const noDate = presentLeaflet({ ...data, plan: { ...data.plan, reviewOn: null } }, 'S')
    assert.equal(noDate.nextReview, '31 December 2026')
    const neither = presentLeaflet({ ...data, plan: { ...data.plan, reviewOn: null }, episodeNextReviewOn: null }, 'S')
    assert.equal(neither.nextReview, null)
  })

  it('marks a draft clearly as not yet agreed', () => {
    const data = exampleLeafletData()
    const draft = presentLeaflet({ ...data, plan: { ...data.plan, status: 'draft', agreedOn: null } }, 'S')
    assert.equal(draft.draft, true)
    assert.equal(draft.status, 'Draft – not yet agreed')
  })

  it('leaves out contact details the link worker has not given', () => {
    const data = exampleLeafletData()
    const bare = presentLeaflet(
      {
        ...data,
        linkWorker: { ...data.linkWorker, workPhone: '', availability: '' },
        plan: { ...data.plan, nextSteps: '  ' },
      },
      'S',
    )
    assert.equal(bare.linkWorker.phone, null)
    assert.equal(bare.linkWorker.availability, null)
    assert.equal(bare.nextSteps, null)
  })
})

describe('describeAction', () => {
  it('reads as one sentence per part, without doubled full stops', () => {
    assert.equal(
      describeAction({ what: 'Phone the group.', who: 'Megan', byWhen: '20 November 2026', done: false }),
      'Phone the group. Who: Megan. By: 20 November 2026',
    )
    assert.equal(
      describeAction({ what: 'Find the ukulele', who: '', byWhen: null, done: true }),
      'Find the ukulele. Done',
    )
  })
})

describe('leaflet helpers', () => {
  it('reads the size from the query, standard unless large is asked for', () => {
    assert.equal(leafletSizeFrom('large'), 'large')
    assert.equal(leafletSizeFrom(''), 'standard')
    assert.equal(leafletSizeFrom('huge'), 'standard')
  })

  it('writes dates in full, in UK time', () => {
    assert.equal(longDate('2026-03-29'), '29 March 2026')
    assert.equal(longDate('2026-01-01'), '1 January 2026')
  })
})
