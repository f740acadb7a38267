// SPDX-License-Identifier: AGPL-3.0-or-later
// Worked examples from the seed case studies: each a person and a small directory, asserting the order and the
// words a link worker would read.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { interestWords, rankSuggestions, type Candidate, type SuggestionProfile } from './suggestions.ts'

const NEEDS = {
  loneliness: 'Loneliness or isolation',
  'mental-health': 'Low mood, anxiety or stress',
  'physical-activity': 'Being more active',
}
const MILE = 1609.344

function service(name: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    description: '',
    matchedNeeds: [],
    needLabels: NEEDS,
    distanceMetres: 0.5 * MILE,
    cost: 'Free',
    nextSession: 'Tuesday 8 December, 6pm',
    welcome: 'open',
    capacity: 'capacity',
    howToJoin: 'signpost',
    daysSinceChecked: 20,
    minimumAge: null,
    maximumAge: null,
    ...overrides,
  }
}

function person(overrides: Partial<SuggestionProfile>): SuggestionProfile {
  return { needs: [], interests: [], barriers: [], age: 40, ...overrides }
}

const names = (list: { name: string }[]) => list.map((s) => s.name)

describe('suggestions, on the seed case studies', () => {
  it('the anxious young man who enjoys exercise: the free running club that meets in the evenings', () => {
    const him = person({
      needs: ['mental-health', 'physical-activity'],
      interests: interestWords('Enjoys exercise and running'),
      barriers: ['anxiety', 'cost'],
      age: 24,
    })
    const ranked = rankSuggestions(him, [
      service('City gym', { matchedNeeds: ['physical-activity'], cost: '£25 per month', distanceMetres: 0.4 * MILE }),
      service('Chess club', { matchedNeeds: ['mental-health'], distanceMetres: 0.3 * MILE }),
      service('Northfield running club', {
        description: 'Friendly running for all levels, several times a week including evenings and weekends.',
        matchedNeeds: ['mental-health', 'physical-activity'],
        distanceMetres: 0.8 * MILE,
      }),
    ])
    assert.deepEqual(names(ranked), ['Northfield running club', 'Chess club', 'City gym'])
    assert.deepEqual(ranked[0]!.reasons, [
      'helps with low mood, anxiety or stress',
      'helps with being more active',
      'matches their interest in running',
      'free',
      '0.8 miles from home',
      'next meets Tuesday 8 December, 6pm',
      'open to newcomers',
    ])
    assert.deepEqual(ranked[2]!.concerns, ['costs £25 per month'])
  })

  it('Leanne, 23, who wants to join a drama group: the welcoming one, not the youth theatre or the closed society', () => {
    const leanne = person({
      needs: ['loneliness', 'mental-health'],
      interests: interestWords('Would like to join a drama group'),
      barriers: ['anxiety'],
      age: 23,
    })
    const ranked = rankSuggestions(leanne, [
      service('Youth theatre', { description: 'Drama for young people', matchedNeeds: ['loneliness'], maximumAge: 18 }),
      service('Amateur dramatic society', {
        description: 'Drama productions twice a year',
        matchedNeeds: ['loneliness'],
        welcome: 'invitation-only',
        cost: '£5',
      }),
      service('Spotlight drama group', {
        description: 'Drama for adults, welcoming people with additional support needs',
        matchedNeeds: ['loneliness', 'mental-health'],
        howToJoin: 'accompany-first-visit',
        distanceMetres: 1.2 * MILE,
      }),
    ])
    assert.deepEqual(
      names(ranked),
      ['Spotlight drama group', 'Amateur dramatic society'],
      'the youth theatre is for under 19s',
    )
    assert.ok(ranked[0]!.reasons.includes('someone can go with them the first time'))
    assert.ok(ranked[0]!.reasons.includes('1.2 miles from home'))
    assert.deepEqual(ranked[1]!.concerns, ['invitation only'])
  })

  it('Sally, who seeks the feeling of spinning and landing: the trampoline centre’s quiet hours, cost and all', () => {
    const sally = person({
      needs: ['physical-activity'],
      interests: interestWords('Trampoline, spinning, somewhere quiet'),
      barriers: ['anxiety'],
      age: 31,
    })
    const ranked = rankSuggestions(sally, [
      service('Leisure centre swimming', {
        matchedNeeds: ['physical-activity'],
        cost: '£4',
        distanceMetres: 0.9 * MILE,
      }),
      service('Bounce trampoline centre: quiet hours', {
        description: 'Trampoline sessions with no other people around, for people who find crowds hard',
        matchedNeeds: ['physical-activity'],
        cost: '£6',
        howToJoin: 'accompany-first-visit',
        distanceMetres: 2.1 * MILE,
      }),
    ])
    assert.deepEqual(names(ranked), ['Bounce trampoline centre: quiet hours', 'Leisure centre swimming'])
    assert.ok(ranked[0]!.reasons.includes('matches their interest in trampoline and quiet'))
    assert.deepEqual(ranked[0]!.concerns, [], 'cost is not a worry she named')
  })

  it('Patricia, who gave up driving: the knitting group and the coffee morning near home before the craft club across town', () => {
    const patricia = person({
      needs: ['loneliness'],
      interests: interestWords('Knitting'),
      barriers: ['transport'],
      age: 66,
    })
    const ranked = rankSuggestions(patricia, [
      service('Craft club', {
        description: 'Knitting and crochet',
        matchedNeeds: ['loneliness'],
        distanceMetres: 6 * MILE,
      }),
      service('Coffee morning', { matchedNeeds: ['loneliness'], distanceMetres: 0.9 * MILE }),
      service('Knit and natter', {
        description: 'Bring your knitting',
        matchedNeeds: ['loneliness'],
        distanceMetres: 0.6 * MILE,
      }),
    ])
    assert.deepEqual(names(ranked), ['Knit and natter', 'Coffee morning', 'Craft club'])
    assert.deepEqual(ranked[2]!.concerns, ['6.0 miles from home'])
  })

  it('the ukulele player: the ukulele group first even with a waiting list and an old listing, and says so', () => {
    const player = person({ needs: ['loneliness'], interests: interestWords('Plays the ukulele') })
    const ranked = rankSuggestions(player, [
      service('Community choir', { matchedNeeds: ['loneliness'] }),
      service('Strum Along ukulele group', {
        matchedNeeds: ['loneliness'],
        capacity: 'waitlist',
        daysSinceChecked: 150,
      }),
    ])
    assert.deepEqual(names(ranked), ['Strum Along ukulele group', 'Community choir'])
    assert.deepEqual(ranked[0]!.concerns, ['waiting list', 'last checked 5 months ago'])
  })

  it('keeps the same order for services that weigh the same: nearer first, then by name', () => {
    const anyone = person({ needs: ['loneliness'] })
    const ranked = rankSuggestions(anyone, [
      service('B group', { matchedNeeds: ['loneliness'], distanceMetres: 500 }),
      service('A group', { matchedNeeds: ['loneliness'], distanceMetres: 500 }),
      service('C group', { matchedNeeds: ['loneliness'], distanceMetres: 100 }),
    ])
    assert.deepEqual(names(ranked), ['C group', 'A group', 'B group'])
  })

  it('matches on what they enjoy, not on words every listing uses', () => {
    assert.deepEqual(
      interestWords('Chatting at the community centre on Friday', 'Do something: play the ukulele again'),
      ['chatting', 'play', 'ukulele'],
    )
  })
})
